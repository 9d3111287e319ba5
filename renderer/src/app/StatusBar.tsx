// The status bar: which workspace is open, and whether everything is saved.
import { useState } from 'react';
import type { SaveState, WorkspaceInfo } from '../../../core/model/workspace.ts';
import { onTeamServer } from '../api/team-session.ts';
import { formatTime } from '../ui/format.ts';
import { MissedChanges } from './MissedChanges.tsx';
import { TeamMemberStatus } from './TeamMemberStatus.tsx';

interface StatusBarProps {
  readonly info: WorkspaceInfo | undefined;
  readonly saveState: SaveState | undefined;
  readonly transport: 'electron' | 'web';
  readonly connected: boolean;
  /** What the last undo, redo or bulk edit did ("Undid: Tag as Statistic"), for a while. */
  readonly said?: string;
}

export function StatusBar({ info, saveState, transport, connected, said }: StatusBarProps) {
  const [showProblems, setShowProblems] = useState(false);
  const [showFindings, setShowFindings] = useState(false);
  const check = info?.check;
  const findings = check?.state === 'done' ? check.findings : [];
  return (
    // The footer is the window's contentinfo landmark; what it says is a polite live region inside it.
    <footer className="statusbar">
      <div className="statusbar-status" role="status">
        <span className="statusbar-item" title={info?.path}>
          {info ? `${info.name} — ${info.path}` : 'Opening workspace…'}
        </span>
        {info && info.problems.length > 0 && (
          <button
            type="button"
            className="statusbar-item statusbar-warning"
            aria-expanded={showProblems}
            onClick={() => setShowProblems(!showProblems)}
          >
            {problemSummary(info.problems)}
          </button>
        )}
        {info && showProblems && (
          <div className="problems-list" role="dialog" aria-label="Damaged files">
            When the workspace was opened, these files could not be used as they were. A damaged file is set aside (renamed, never
            overwritten) and its newest good backup, if it has one, put back; a file from a newer version of Claimbench is left as it is:
            <ul>
              {info.problems.map((problem) => (
                <li key={problem.message}>{problem.message}</li>
              ))}
            </ul>
          </div>
        )}
        {check?.state === 'running' && <span className="statusbar-item statusbar-muted">Checking the workspace…</span>}
        {check?.state === 'failed' && (
          <span className="statusbar-item statusbar-warning" title={check.message}>
            The workspace check could not finish
          </span>
        )}
        {findings.length > 0 && (
          <button
            type="button"
            className="statusbar-item statusbar-warning"
            aria-expanded={showFindings}
            onClick={() => setShowFindings(!showFindings)}
          >
            {findings.length === 1 ? '1 problem found by the check' : `${findings.length} problems found by the check`}
          </button>
        )}
        {showFindings && findings.length > 0 && (
          <div className="problems-list" role="dialog" aria-label="Problems found by the check">
            Checking the workspace once it was opened found these. They are not repaired automatically; <code>claimbench check</code> lists
            the same:
            <ul>
              {findings.map(({ file, problem }) => (
                <li key={`${file} ${problem}`}>
                  {file}: {problem}
                </li>
              ))}
            </ul>
          </div>
        )}
        <span className="statusbar-spacer" />
        {said && (
          <span className="statusbar-item" data-testid="history-said">
            {said}
          </span>
        )}
        {transport === 'web' && <MissedChanges />}
        {connected ? (
          <span className="statusbar-item" data-testid="save-state">
            {describeSaveState(saveState)}
          </span>
        ) : (
          <span className="statusbar-item statusbar-warning" data-testid="save-state">
            {/* A team's member neither started the server nor can: the window says what it does meanwhile. */}
            {onTeamServer() ? 'Disconnected: reconnecting to the team server…' : 'Disconnected: is “claimbench serve” still running?'}
          </span>
        )}
        <span
          className="statusbar-item statusbar-muted"
          title={
            transport === 'web'
              ? 'This window is a browser tab on the web host (claimbench serve or npm start without Electron); the workspace is on the machine that runs it'
              : 'The desktop app: the workspace is on this computer'
          }
        >
          {transport === 'web' ? 'Browser · web host' : 'Desktop app'}
        </span>
        {transport === 'web' && <TeamMemberStatus />}
      </div>
    </footer>
  );
}

function describeSaveState(state: SaveState | undefined): string {
  if (state === undefined) return '';
  if (state.pending > 0) return 'Saving…';
  if (state.lastError) return `Not saved: ${state.lastError.message}`;
  return state.lastSavedAt ? `All changes saved at ${formatTime(state.lastSavedAt)}` : 'All changes saved';
}

/** "1 file restored from a backup", "2 damaged files (set aside)", or both. */
function problemSummary(problems: WorkspaceInfo['problems']): string {
  const restored = problems.filter((problem) => problem.code === 'restored').length;
  const damaged = problems.length - restored;
  const plural = (n: number) => (n === 1 ? '' : 's');
  return [
    restored > 0 ? `${restored} file${plural(restored)} restored from a backup` : '',
    damaged > 0 ? `${damaged} unreadable file${plural(damaged)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
