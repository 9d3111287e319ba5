// Settings (Ctrl/Cmd+,): who the analyst is (the creator of every new annotation, link and claim,
// and the signer of bundles), the workspace's name (export file names, report titles), how
// Markdown files are imported, the span statuses and the verdict scale, and removing the sample
// documents. On a team server the name is the member's account, and only an admin saves the team's
// settings (core/team/roles.ts): the dialog says so instead of offering what the server refuses.
import { useEffect, useState, type FormEvent } from 'react';
import type { SettingsPatch, SettingsUsage } from '../../../core/settings/settings-change.ts';
import type { MarkdownMode } from '../../../core/model/document.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import { useTeamMember } from '../app/TeamMemberStatus.tsx';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';
import { withIds, type ScaleEntry } from './scale-entries.ts';
import { ScaleEditor } from './ScaleEditor.tsx';

interface SettingsDialogProps {
  readonly workspace: WorkspaceInfo;
  /** How many sample documents the workspace still holds. */
  readonly sampleDocuments: number;
  /** Asks, then removes the sample (one undo step); the dialog closes first. */
  readonly onRemoveSample: () => void;
  readonly onClose: () => void;
}

export function SettingsDialog({ workspace, sampleDocuments, onRemoveSample, onClose }: SettingsDialogProps) {
  const { settings } = workspace;
  const [analystName, setAnalystName] = useState(settings.analystName);
  const [workspaceName, setWorkspaceName] = useState(workspace.name);
  const [markdownImport, setMarkdownImport] = useState<MarkdownMode>(settings.markdownImport);
  const [statuses, setStatuses] = useState<ScaleEntry[]>(settings.statuses);
  const [verdictScale, setVerdictScale] = useState<ScaleEntry[]>(settings.verdictScale);
  const [usage, setUsage] = useState<SettingsUsage>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const member = useTeamMember();
  const onTeam = workspace.team !== undefined;
  const readOnly = onTeam && member?.role !== 'admin';

  useEffect(() => {
    let live = true;
    api.getSettingsUsage().then(
      (value) => live && setUsage(value),
      (caught: unknown) => live && setError((caught as Error).message),
    );
    return () => {
      live = false;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const patch: { -readonly [K in keyof SettingsPatch]: SettingsPatch[K] } = { welcomed: true };
    if (!onTeam && analystName.trim() !== settings.analystName) patch.analystName = analystName.trim();
    if (workspaceName.trim() !== workspace.name) patch.workspaceName = workspaceName.trim();
    if (markdownImport !== settings.markdownImport) patch.markdownImport = markdownImport;
    const nextStatuses = withIds(statuses);
    if (JSON.stringify(nextStatuses) !== JSON.stringify(settings.statuses)) patch.statuses = nextStatuses;
    const nextScale = withIds(verdictScale);
    if (JSON.stringify(nextScale) !== JSON.stringify(settings.verdictScale)) patch.verdictScale = nextScale;
    if (workspaceName.trim() === '') return setError('The workspace needs a name.');
    setBusy(true);
    try {
      const result = await api.updateSettings(patch);
      if (result.ok) onClose();
      else setError(result.error.message);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Settings" onClose={onClose} wide>
      <form className="form form-grid settings-form" onSubmit={(event) => void submit(event)}>
        {onTeam ? (
          <div className="span-2">
            <p>
              Signed in as <strong>{member?.name ?? '…'}</strong>
              {member && ` (${member.role})`}: your account names your annotations, claims and exports on this team server.
            </p>
            {readOnly && (
              <p className="form-hint" data-testid="settings-read-only">
                These are the team&rsquo;s settings: only an admin changes them.
              </p>
            )}
          </div>
        ) : (
          <label>
            Your name
            <input
              value={analystName}
              maxLength={200}
              autoFocus
              placeholder="As it should appear on your work"
              onChange={(event) => setAnalystName(event.target.value)}
            />
            <span className="form-hint">The creator of every new annotation, link and claim, in exports, and the signer of bundles.</span>
          </label>
        )}
        <label>
          Workspace name
          <input
            value={workspaceName}
            maxLength={200}
            required
            autoFocus={onTeam}
            onChange={(event) => setWorkspaceName(event.target.value)}
          />
          <span className="form-hint">Names exported bundles and projects, and titles report.html.</span>
        </label>
        <label>
          Markdown files
          <select value={markdownImport} onChange={(event) => setMarkdownImport(event.target.value as MarkdownMode)}>
            <option value="plain">Markdown → plain text</option>
            <option value="source">Keep the Markdown source</option>
          </select>
          <span className="form-hint">
            How .md files you import are read: as plain text (headings, lists and links as text, no ** or ##), or as written. Pasted text
            that looks like Markdown asks each time. A new version is read as its document was.
          </span>
        </label>
        <ScaleEditor
          legend="Annotation statuses"
          description="What checking found in each annotation (a highlighted passage). The first is given to new annotations."
          noun="status"
          entries={statuses}
          usage={usage?.statuses}
          usedBy="annotation"
          onChange={setStatuses}
        />
        <ScaleEditor
          legend="Verdict scale"
          description="The ratings a claim's verdict may take (Claims view), for the statement as a whole, best to worst."
          noun="rating"
          entries={verdictScale}
          usage={usage?.ratings}
          usedBy="verdict"
          onChange={setVerdictScale}
        />
        <fieldset className="span-2 settings-sample">
          <legend>Sample documents</legend>
          {sampleDocuments > 0 ? (
            <>
              <p className="form-hint">
                {sampleDocuments} sample document{sampleDocuments === 1 ? ' is' : 's are'} still here, with their claims: they count in
                exports and suggestions.
              </p>
              <button type="button" className="button-small" onClick={() => (onClose(), onRemoveSample())}>
                Remove the sample…
              </button>
            </>
          ) : (
            <p className="form-hint">This workspace holds no sample documents.</p>
          )}
        </fieldset>
        <FormFooter error={error} busy={busy} disabled={readOnly} submit={['Save settings', 'Saving…']} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
