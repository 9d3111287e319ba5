// The renderer's app: mounts the workbench (loaded by boot.ts, the page's first script).
import './zod-config.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './styles.css';
import './commands/commands.css';
import './settings/settings.css';
import './app/layout.css';
import './search/search.css';
import './annotations/annotations.css';
import './archive/archive.css';
import './library/import.css';
import './agreement/agreement.css';
import './suggestions/suggestions.css';
import './table/table.css';

function mount() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// boot.ts runs as soon as it arrives (async), so the page may, in principle, still be parsing.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
else mount();
