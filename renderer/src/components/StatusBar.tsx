// The status bar: which workspace is open, and whether everything is saved.
import type { SaveState, WorkspaceInfo } from '../../../core/model/workspace.ts';
import { formatTime } from '../format.ts';

interface StatusBarProps {
  readonly info: WorkspaceInfo | undefined;
  readonly saveState: SaveState | undefined;
  readonly transport: 'electron' | 'web';
}

export function StatusBar({ info, saveState, transport }: StatusBarProps) {
  return (
    <footer className="statusbar" role="status">
      <span className="statusbar-item" title={info?.path}>
        {info ? `${info.name} — ${info.path}` : 'Opening workspace…'}
      </span>
      {info && info.problems.length > 0 && (
        <span className="statusbar-item statusbar-warning" title={info.problems.map((problem) => problem.message).join('\n')}>
          {info.problems.length} unreadable file{info.problems.length === 1 ? '' : 's'} (left untouched)
        </span>
      )}
      <span className="statusbar-spacer" />
      <span className="statusbar-item" data-testid="save-state">
        {describeSaveState(saveState)}
      </span>
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
