// Import bundle… : the chosen .claimbundle is uploaded, checked whole by main (archive, hashes,
// schemas, signature) and its merge planned, with a progress bar and Cancel. The analyst then sees
// who made it, whether it verifies, what it adds and what it skips, and settles each conflict —
// keep mine, take theirs, or keep both — before anything is written. Import is one undo step; once
// it is done the dialog closes and the outcome is said once, in the status banner.
import { useEffect, useRef, useState } from 'react';
import { describeMergeSummary, type MergeConflict, type MergeSummary, type Resolution } from '../../../core/bundle/bundle-merge.ts';
import type { BundlePreview } from '../../../core/contract/workbench-api.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import { CLAIM_STATUSES, LINK_RELATIONS, type Claim, type EvidenceLink } from '../../../core/model/evidence.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';
import { formatBytes } from '../../../core/text/format-bytes.ts';
import { countOf as count, formatDate, formatTime, shorten } from '../ui/format.ts';

interface ImportBundleDialogProps {
  readonly file: File;
  readonly workspace: WorkspaceInfo;
  readonly onClose: () => void;
  /** After a successful import (the dialog closes itself): the line for the status banner. */
  readonly onImported: (summary: string) => void;
}

type Stage =
  | { readonly state: 'checking'; readonly done: number; readonly total?: number; readonly cancelling: boolean }
  | { readonly state: 'refused'; readonly message: string }
  | { readonly state: 'preview'; readonly preview: BundlePreview };

const CHOICES: readonly { readonly id: Resolution; readonly label: string }[] = [
  { id: 'mine', label: 'Keep mine' },
  { id: 'theirs', label: 'Take theirs' },
  { id: 'both', label: 'Keep both' },
];

export function ImportBundleDialog({ file, workspace, onClose, onImported }: ImportBundleDialogProps) {
  const [stage, setStage] = useState<Stage>({ state: 'checking', done: 0, cancelling: false });
  const [choices, setChoices] = useState<Readonly<Record<string, Resolution>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [jobId] = useState(() => `bundle-${crypto.randomUUID()}`);
  const previewId = useRef<string>(undefined);

  useEffect(() => {
    let stopped = false;
    const subscription = api.onDidProgressBundle((progress) => {
      if (progress.jobId !== jobId || progress.finished) return;
      setStage((previous) => (previous.state === 'checking' ? { ...previous, done: progress.done, total: progress.total } : previous));
    });
    void (async () => {
      try {
        const staged = await api.upload(await file.arrayBuffer());
        if (stopped) return;
        const result = await api.previewBundleImport(jobId, { uploadId: staged.uploadId, name: file.name });
        if (stopped) {
          if (result.ok) void api.discardBundleImport(result.value.importId);
          return;
        }
        if (!result.ok)
          return setStage(
            result.error.code === 'cancelled'
              ? { state: 'refused', message: 'Cancelled.' }
              : { state: 'refused', message: result.error.message },
          );
        previewId.current = result.value.importId;
        setStage({ state: 'preview', preview: result.value });
      } catch (failure) {
        if (!stopped) setStage({ state: 'refused', message: (failure as Error).message });
      }
    })();
    return () => {
      stopped = true;
      subscription.dispose();
    };
  }, [file, jobId]);

  const close = () => {
    if (stage.state === 'checking') {
      setStage({ ...stage, cancelling: true });
      void api.cancelBundleJob(jobId);
      return;
    }
    if (stage.state === 'preview' && previewId.current) void api.discardBundleImport(previewId.current);
    onClose();
  };

  const apply = async () => {
    if (stage.state !== 'preview') return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.applyBundleImport(stage.preview.importId, choices);
      if (!result.ok) return setError(result.error.message);
      previewId.current = undefined;
      onImported(`${summaryLine(stage.preview.fileName, result.value)} Ctrl+Z undoes the whole import.`);
      onClose();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (stage.state === 'checking' || stage.state === 'refused') {
    return (
      <Dialog title={`Import ${file.name}`} onClose={close} closeButton={{ label: stage.state === 'checking' ? 'Cancel' : 'Close' }}>
        {stage.state === 'checking' ? (
          <div className="export-progress" data-testid="bundle-checking">
            <progress aria-label="Checking the bundle" max={stage.total ?? 1} value={stage.total === undefined ? undefined : stage.done} />
            <span>
              {stage.cancelling
                ? 'Cancelling…'
                : `Checking every file of the bundle${stage.total ? ` (${formatBytes(stage.done)} of ${formatBytes(stage.total)})` : '…'}`}
            </span>
          </div>
        ) : (
          <p className="form-error" role="alert">
            This bundle cannot be imported: {stage.message.replace(/\.?$/, '.')} Nothing was written to your workspace.
          </p>
        )}
      </Dialog>
    );
  }

  const { preview } = stage;
  const { signature } = preview;
  const unresolved = preview.conflicts.filter((conflict) => choices[conflict.key] === undefined).length;
  const chooseAll = (choice: Resolution) =>
    setChoices(
      Object.fromEntries(preview.conflicts.map((conflict) => [conflict.key, conflict.options.includes(choice) ? choice : 'mine'])),
    );
  const newDocuments = preview.documents.filter((match) => match.state === 'new');
  const matched = preview.documents.filter((match) => match.state === 'matched');
  const titleOf = new Map(preview.documents.map((match) => [match.localId, match.title]));
  return (
    <Dialog title={`Import ${preview.fileName}`} onClose={close} wide>
      <form
        className="bundle-preview"
        onSubmit={(event) => {
          event.preventDefault();
          void apply();
        }}
      >
        <div className="span-2">
          <p>
            “{preview.workspace}” by {preview.creator}, {formatDate(preview.createdAt)}: all {count(preview.files, 'file')} as its manifest
            lists them.
          </p>
          <p className={`bundle-signature bundle-signature-${signature.state}`} data-testid="bundle-signature">
            {signature.state === 'valid'
              ? `Signed by ${signature.signer}, valid: unchanged since key ${signature.fingerprint.slice(0, 16)} signed it.`
              : signature.state === 'invalid'
                ? `Signature invalid: ${signature.reason.replace(/\.$/, '')}. The bundle was changed after it was signed, or the signature was forged: it cannot be imported.`
                : 'Not signed: you cannot tell who made it.'}
          </p>
          {signature.state === 'valid' && preview.signer && (
            <p className={`bundle-signer bundle-signer-${preview.signer.state}`} data-testid="bundle-signer">
              {preview.signer.state === 'known'
                ? `You have met this key as ${signature.signer}'s before (first on ${formatDate(preview.signer.firstSeen)}).`
                : preview.signer.state === 'new'
                  ? `You have not met this key before: compare its first digits (${signature.fingerprint.slice(0, 16)}) with ${signature.signer}, by phone or in person, if it matters who made the bundle.`
                  : preview.signer.state === 'other-key'
                    ? `Careful: ${signature.signer} signed with another key before (first on ${formatDate(preview.signer.firstSeen)}). This bundle may not come from the ${signature.signer} you know; ask them.`
                    : `Careful: this key signed as ${preview.signer.names.join(', ')} before, and signs as ${signature.signer} now.`}
            </p>
          )}
          <ul className="bundle-counts">
            <li>
              {count(newDocuments.length, 'new document')}
              {matched.length > 0 && `, ${count(matched.length, 'document')} you already have (matched by their text)`}
              {preview.documents.length > 0 && (
                <details className="bundle-documents" open={preview.documents.length <= 5}>
                  <summary>Documents in the bundle</summary>
                  <ul aria-label="Documents in the bundle">
                    {preview.documents.map((match) => (
                      <li key={match.localId}>
                        {match.title} <small>({match.state === 'new' ? 'new' : 'you have it'})</small>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
            <li>{countLine('annotation', preview.annotations)} (highlighted, tagged passages)</li>
            <li>{countLine('evidence link', preview.links)}</li>
            <li>{countLine('claim', preview.claims)} (Claims view: statements, their annotations, verdicts)</li>
            {preview.tagsAdded.length > 0 && <li>Tags added to your codebook: {preview.tagsAdded.join(', ')}</li>}
            {preview.tagsKept.length > 0 && <li>Tags you define differently (yours are kept): {preview.tagsKept.join(', ')}</li>}
            {preview.archive && (
              <li>
                Fact-check archive: {preview.archive.added} new, {preview.archive.updated} updated, {preview.archive.unchanged} already in
                yours
              </li>
            )}
          </ul>
        </div>
        {signature.state !== 'invalid' && preview.conflicts.length > 0 && (
          <section className="bundle-conflicts span-2" aria-label="Conflicts">
            <header className="bundle-conflicts-header">
              <strong>
                {preview.conflicts.length} conflict{preview.conflicts.length === 1 ? '' : 's'}: changed on both sides. Choose for each
                {unresolved > 0 ? ` (${unresolved} left)` : ''}.
              </strong>
              <span>
                {CHOICES.map((choice) => (
                  <button key={choice.id} type="button" className="button-small" onClick={() => chooseAll(choice.id)}>
                    {choice.label} for all
                  </button>
                ))}
              </span>
            </header>
            <ul>
              {preview.conflicts.map((conflict) => (
                <li key={conflict.key} className="bundle-conflict">
                  <p className="bundle-conflict-what">
                    {conflictTitle(conflict, titleOf)} — differs in {conflict.differences.join(', ')}
                  </p>
                  <div className="bundle-conflict-sides">
                    <div>
                      <small>Mine</small>
                      <p>{describe(conflict, 'mine', workspace)}</p>
                    </div>
                    <div>
                      <small>Theirs</small>
                      <p>{describe(conflict, 'theirs', workspace)}</p>
                    </div>
                  </div>
                  <div role="radiogroup" aria-label={`Resolve ${conflictTitle(conflict, titleOf)}`} className="bundle-conflict-choices">
                    {CHOICES.filter((choice) => conflict.options.includes(choice.id)).map((choice) => (
                      <label key={choice.id}>
                        <input
                          type="radio"
                          name={conflict.key}
                          checked={choices[conflict.key] === choice.id}
                          onChange={() => setChoices({ ...choices, [conflict.key]: choice.id })}
                        />{' '}
                        {choice.label}
                      </label>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        )}
        <FormFooter
          error={error}
          busy={busy}
          disabled={unresolved > 0 || signature.state === 'invalid'}
          submit={['Import', 'Importing…']}
          onCancel={close}
        />
      </form>
    </Dialog>
  );
}

function countLine(noun: string, counts: BundlePreview['annotations']): string {
  return [
    `${count(counts.added, noun)} to add`,
    counts.skipped > 0 ? `${counts.skipped} already here` : '',
    counts.conflicts > 0 ? `${counts.conflicts} in conflict` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function conflictTitle(conflict: MergeConflict, titles: ReadonlyMap<string, string>): string {
  if (conflict.kind === 'annotation')
    return `Annotation “${shorten(conflict.mine.target.exact, 60)}” in ${titles.get(conflict.documentId ?? '') ?? 'a document'}`;
  if (conflict.kind === 'link') return `Link ${conflict.id.slice(0, 8)}`;
  return `Claim “${shorten(conflict.mine.statement, 60)}” (Claims view)`;
}

function describe(conflict: MergeConflict, side: 'mine' | 'theirs', workspace: WorkspaceInfo): string {
  const changed = `changed ${formatDate(conflict[side].modified)} ${formatTime(conflict[side].modified)}`;
  if (conflict.kind === 'annotation') return `${describeAnnotation(conflict[side], workspace)} · ${changed}`;
  if (conflict.kind === 'link') return `${describeLink(conflict[side])} · ${changed}`;
  return `${describeClaim(conflict[side], workspace)} · ${changed}`;
}

function describeAnnotation(annotation: Annotation, workspace: WorkspaceInfo): string {
  const tags = annotation.tags.map((id) => workspace.codebook.tags.find((tag) => tag.id === id)?.name ?? id);
  const status = workspace.settings.statuses.find((candidate) => candidate.id === annotation.status)?.label ?? annotation.status;
  return [
    `“${shorten(annotation.target.exact, 80)}”`,
    tags.length > 0 ? `tags: ${tags.join(', ')}` : 'no tags',
    status,
    annotation.speaker && `speaker: ${annotation.speaker}`,
    annotation.outlet && `outlet: ${annotation.outlet}`,
    annotation.note && `note: ${shorten(annotation.note, 120)}`,
    annotation.creator && `by ${annotation.creator}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

function describeLink(link: EvidenceLink): string {
  return [
    LINK_RELATIONS.find((relation) => relation.id === link.relation)?.label ?? link.relation,
    link.note && `note: ${shorten(link.note, 120)}`,
    link.creator && `by ${link.creator}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

function describeClaim(claim: Claim, workspace: WorkspaceInfo): string {
  const rating =
    claim.verdict &&
    (workspace.settings.verdictScale.find((candidate) => candidate.id === claim.verdict!.rating)?.label ?? claim.verdict.rating);
  const status = CLAIM_STATUSES.find((candidate) => candidate.id === claim.status)?.label ?? claim.status;
  return [
    `“${shorten(claim.statement, 80)}”`,
    count(claim.mentions.length, 'annotation'),
    rating ? `verdict: ${rating}` : 'no verdict',
    status,
  ].join(' · ');
}

/** "Imported work.claimbundle: 2 new documents; 14 annotations added (3 already here); …" */
export function summaryLine(fileName: string, summary: MergeSummary): string {
  return `Imported ${fileName}: ${describeMergeSummary(summary)}.`;
}
