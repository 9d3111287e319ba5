// The renderer's entry: mounts the workbench.
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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
