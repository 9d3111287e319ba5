// The status bar: which workspace is open, and whether everything is saved.
import { useState } from 'react';
import type { SaveState, WorkspaceInfo } from '../../../core/model/workspace.ts';
import { formatTime } from '../format.ts';

interface StatusBarProps {
  readonly info: WorkspaceInfo | undefined;
  readonly saveState: SaveState | undefined;
  readonly transport: 'electron' | 'web';
  readonly connected: boolean;
}

export function StatusBar({ info, saveState, transport, connected }: StatusBarProps) {
  const [showProblems, setShowProblems] = useState(false);
  return (
    <footer className="statusbar" role="status">
      <span className="statusbar-item" title={info?.path}>
        {info ? `${info.name} — ${info.path}` : 'Opening workspace…'}
      </span>
      {info && info.problems.length > 0 && (
        <button type="button" className="statusbar-item statusbar-warning" aria-expanded={showProblems} onClick={() => setShowProblems(!showProblems)}>
          {info.problems.length} unreadable file{info.problems.length === 1 ? '' : 's'} (left untouched)
        </button>
      )}
      {info && showProblems && (
        <div className="problems-list" role="dialog" aria-label="Unreadable files">
          These files could not be read; they were skipped and left on disk as they are:
          <ul>
            {info.problems.map((problem) => (
              <li key={problem.message}>{problem.message}</li>
            ))}
          </ul>
        </div>
      )}
      <span className="statusbar-spacer" />
      {connected ? (
        <span className="statusbar-item" data-testid="save-state">
          {describeSaveState(saveState)}
        </span>
      ) : (
        <span className="statusbar-item statusbar-warning" data-testid="save-state">
          Disconnected: is “claimbench serve” still running?
        </span>
      )}
      <span className="statusbar-item statusbar-muted">{transport === 'web' ? 'Browser' : 'Desktop'}</span>
    </footer>
  );
}

function describeSaveState(state: SaveState | undefined): string {
  if (state === undefined) return '';
  if (state.pending > 0) return 'Saving…';
  if (state.lastError) return `Not saved: ${state.lastError.message}`;
  return state.lastSavedAt ? `All changes saved at ${formatTime(state.lastSavedAt)}` : 'All changes saved';
}
