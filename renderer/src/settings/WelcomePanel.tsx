// The first-run prompt, over the workbench of a new workspace: the analyst's name and the
// workspace's name, and whether to keep the sample documents. Not modal: the sample can be read
// first. Answered or dismissed once; Settings (Ctrl/Cmd+,) changes the same things later.
import { useState, type FormEvent } from 'react';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';

interface WelcomePanelProps {
  readonly workspace: WorkspaceInfo;
  readonly sampleDocuments: number;
  /** Asks, then removes the sample (one undo step). */
  readonly onRemoveSample: () => Promise<void>;
}

export function WelcomePanel({ workspace, sampleDocuments, onRemoveSample }: WelcomePanelProps) {
  const [analystName, setAnalystName] = useState(workspace.settings.analystName);
  const [workspaceName, setWorkspaceName] = useState(workspace.name);
  const [error, setError] = useState<string>();

  const answer = async (startEmpty: boolean) => {
    const name = workspaceName.trim();
    if (name === '') return setError('The workspace needs a name.');
    const result = await api
      .updateSettings({ analystName: analystName.trim(), workspaceName: name, welcomed: true })
      .catch((caught: unknown) => ({ ok: false as const, error: { message: (caught as Error).message } }));
    if (!result.ok) return setError(result.error.message);
    if (startEmpty) await onRemoveSample();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void answer(false);
  };

  return (
    <section className="welcome" aria-label="Welcome">
      <form className="welcome-form" onSubmit={submit}>
        <p className="welcome-text">
          <strong>Welcome to Claimbench.</strong> Your name goes on the annotations and claims you make and the files you export; the
          workspace name names your exports.
        </p>
        <label>
          Your name
          <input
            value={analystName}
            maxLength={200}
            onChange={(event) => setAnalystName(event.target.value)}
            placeholder="e.g. Ana Petrenko"
          />
        </label>
        <label>
          Workspace name
          <input value={workspaceName} maxLength={200} onChange={(event) => setWorkspaceName(event.target.value)} />
        </label>
        <span className="welcome-actions">
          <button type="submit" className="button-primary">
            {sampleDocuments > 0 ? 'Save and keep the sample' : 'Save'}
          </button>
          {sampleDocuments > 0 && (
            <button
              type="button"
              onClick={() => void answer(true)}
              title="Remove the sample documents, their annotations and the sample's claim (Ctrl+Z undoes)"
            >
              Save and start empty
            </button>
          )}
          <button
            type="button"
            className="button-quiet"
            onClick={() => void api.updateSettings({ welcomed: true }).then((result) => !result.ok && setError(result.error.message))}
            title="Settings (Ctrl+,) asks the same later"
          >
            Not now
          </button>
        </span>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
