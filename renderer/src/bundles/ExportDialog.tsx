// Export… : what to write (a Claimbench bundle, a REFI-QDA project, or W3C annotations alone), of
// what (the whole workspace or chosen documents, filtered by tag and status), with or without the
// imported originals, signed or not. The export runs in main's worker thread with a progress bar
// and Cancel; when it is done the file is offered for saving (a download, or Electron's dialog).
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { BundleExportRequest, ExportedFile, ExportFormat } from '../../../core/contract/workbench-api.ts';
import type { DocumentSummary } from '../../../core/model/document.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';
import { downloadExport, downloadText } from './download.ts';
import { formatBytes } from '../../../core/text/format-bytes.ts';
import { countOf as count, shorten } from '../ui/format.ts';

type Format = ExportFormat | 'w3c';

const FORMATS: readonly { readonly id: Format; readonly label: string; readonly hint: string }[] = [
  {
    id: 'bundle',
    label: 'Claimbench bundle (.claimbundle)',
    hint: 'Texts, annotations (W3C), codebook, claims with their verdicts, claims.csv, brat, ClaimReview and a report to read offline; hashed, optionally signed. Another analyst can verify and merge it.',
  },
  {
    id: 'qdpx',
    label: 'REFI-QDA project (.qdpx)',
    hint: 'For NVivo, ATLAS.ti and MAXQDA: the texts, the codebook as codes, annotations as coded selections with notes, links.',
  },
  {
    id: 'w3c',
    label: 'W3C annotations only (.jsonld)',
    hint: 'Every annotation and evidence link of the workspace as W3C Web Annotations, for Hypothesis-style tools and archives.',
  },
];

interface ExportDialogProps {
  readonly workspace: WorkspaceInfo;
  readonly documents: readonly DocumentSummary[];
  /** The document open in the reader, offered as the first choice of "chosen documents". */
  readonly currentDocumentId: string | undefined;
  readonly onClose: () => void;
}

type Run =
  | { readonly state: 'idle'; readonly cancelled?: boolean }
  | {
      readonly state: 'running';
      readonly jobId: string;
      readonly done: number;
      readonly total?: number;
      readonly phase: string;
      readonly cancelling: boolean;
    }
  | { readonly state: 'done'; readonly file: ExportedFile; readonly filtered: boolean }
  | { readonly state: 'saved'; readonly fileName: string; readonly size: number; readonly save: () => void }
  | { readonly state: 'failed'; readonly message: string };

export function ExportDialog({ workspace, documents, currentDocumentId, onClose }: ExportDialogProps) {
  const [format, setFormat] = useState<Format>('bundle');
  const [scope, setScope] = useState<'all' | 'chosen'>('all');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(currentDocumentId ? [currentDocumentId] : []));
  const [tags, setTags] = useState<ReadonlySet<string>>(new Set());
  const [statuses, setStatuses] = useState<ReadonlySet<string>>(new Set());
  const [originals, setOriginals] = useState(false);
  const [sign, setSign] = useState(false);
  const [analyst, setAnalyst] = useState(workspace.settings.analystName);
  const [reviewUrlPattern, setReviewUrlPattern] = useState(workspace.settings.reviewUrlPattern ?? '');
  const [formulaGuard, setFormulaGuard] = useState(true);
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const jobRef = useRef<string>(undefined);

  useEffect(() => {
    const subscription = api.onDidProgressBundle((progress) => {
      if (progress.jobId !== jobRef.current || progress.finished) return;
      setRun((previous) =>
        previous.state === 'running' ? { ...previous, done: progress.done, total: progress.total, phase: progress.phase } : previous,
      );
    });
    return () => subscription.dispose();
  }, []);

  const toggle = (set: ReadonlySet<string>, id: string, update: (next: ReadonlySet<string>) => void) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    update(next);
  };
  const filtered = format !== 'w3c' && (tags.size > 0 || statuses.size > 0 || scope === 'chosen');
  const annotationCount = useMemo(
    () =>
      documents.filter(({ meta }) => scope === 'all' || chosen.has(meta.id)).reduce((sum, { annotationCount: count }) => sum + count, 0),
    [documents, scope, chosen],
  );
  const running = run.state === 'running';
  const nothingChosen = format !== 'w3c' && scope === 'chosen' && chosen.size === 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (format === 'w3c') {
      try {
        const { fileName, mimeType, text } = await api.exportAnnotations();
        const save = () => downloadText(fileName, mimeType, text);
        save();
        setRun({ state: 'saved', fileName, size: new TextEncoder().encode(text).length, save });
      } catch (error) {
        setRun({ state: 'failed', message: (error as Error).message });
      }
      return;
    }
    const jobId = `export-${crypto.randomUUID()}`;
    jobRef.current = jobId;
    // The name the bundle is made (and signed) by: kept in the workspace settings for next time.
    const pattern = reviewUrlPattern.trim();
    const settingsChanged = analyst.trim() !== workspace.settings.analystName || pattern !== (workspace.settings.reviewUrlPattern ?? '');
    if (format === 'bundle' && settingsChanged) {
      // The review URL pattern too: claimreview.jsonld of every later export uses it.
      const saved = await api
        .updateSettings({ analystName: analyst.trim(), reviewUrlPattern: pattern === '' ? null : pattern })
        .catch((error: unknown) => ({ ok: false as const, error: { message: (error as Error).message } }));
      if (!saved.ok) return setRun({ state: 'failed', message: saved.error.message });
    }
    const request: BundleExportRequest = {
      format,
      originals: format === 'bundle' && originals,
      sign: format === 'bundle' && sign,
      ...(format === 'bundle' ? { csvFormulaGuard: formulaGuard } : {}),
      ...(scope === 'chosen' ? { documents: [...chosen] } : {}),
      ...(tags.size > 0 ? { tags: [...tags] } : {}),
      ...(statuses.size > 0 ? { statuses: [...statuses] } : {}),
    };
    setRun({ state: 'running', jobId, done: 0, phase: 'reading', cancelling: false });
    try {
      const result = await api.exportBundle(jobId, request);
      if (!result.ok) {
        setRun(result.error.code === 'cancelled' ? { state: 'idle', cancelled: true } : { state: 'failed', message: result.error.message });
        return;
      }
      setRun({ state: 'done', file: result.value, filtered });
      downloadExport(result.value.downloadId, result.value.fileName);
    } catch (error) {
      setRun({ state: 'failed', message: (error as Error).message });
    }
  };

  const cancel = () => {
    if (run.state !== 'running') return onClose();
    setRun({ ...run, cancelling: true });
    void api.cancelBundleJob(run.jobId);
  };

  if (run.state === 'saved') {
    return (
      <Dialog title="Export finished" onClose={onClose}>
        <div className="export-done" data-testid="export-done">
          <p>
            <strong>{run.fileName}</strong> — {formatBytes(run.size)}: every annotation and evidence link of the workspace as W3C Web
            Annotations.
          </p>
          <SavedFooter onSave={run.save} onClose={onClose} />
        </div>
      </Dialog>
    );
  }

  if (run.state === 'done') {
    const { file } = run;
    const { contents } = file;
    return (
      <Dialog title="Export finished" onClose={onClose}>
        <div className="export-done" data-testid="export-done">
          <p>
            <strong>{file.fileName}</strong> — {formatBytes(file.size)}, {count(file.files, 'file')}
            {file.signedBy ? `, signed by ${file.signedBy}` : ''}.
          </p>
          <p>
            {count(contents.documents, 'document')}, {count(contents.annotations, 'annotation')}, {count(contents.links, 'evidence link')},{' '}
            {count(contents.claims, 'claim')} (Claims view).
          </p>
          {contents.annotations === 0 && (
            <p className="form-error" role="alert">
              {run.filtered
                ? 'No annotation matched the filters: the export holds the documents without annotations.'
                : 'The export holds no annotations.'}
            </p>
          )}
          {file.rootHash && (
            <p className="export-hash">
              Root hash <code>{file.rootHash}</code>
            </p>
          )}
          {file.notes.map((note) => (
            <p key={note} className="export-note">
              {note}
            </p>
          ))}
          <SavedFooter onSave={() => downloadExport(file.downloadId, file.fileName)} onClose={onClose} />
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Export" onClose={cancel} wide>
      <form className="export-form" onSubmit={(event) => void submit(event)}>
        <fieldset className="export-formats" disabled={running}>
          <legend>Format</legend>
          {FORMATS.map((option) => (
            <label key={option.id} className="export-format">
              <input type="radio" name="format" value={option.id} checked={format === option.id} onChange={() => setFormat(option.id)} />
              <span>
                <strong>{option.label}</strong>
                <small>{option.hint}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="export-scope" disabled={running || format === 'w3c'}>
          <legend>What</legend>
          <label>
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> The whole workspace (
            {documents.length} documents)
          </label>
          <label>
            <input type="radio" name="scope" checked={scope === 'chosen'} onChange={() => setScope('chosen')} /> Chosen documents:{' '}
            <span data-testid="export-chosen">{chosenSummary(documents, chosen)}</span>
          </label>
          {scope === 'chosen' && (
            <ul className="export-documents" aria-label="Documents to export">
              {documents.map(({ meta, annotationCount: count }) => (
                <li key={meta.id}>
                  <label>
                    <input type="checkbox" checked={chosen.has(meta.id)} onChange={() => toggle(chosen, meta.id, setChosen)} /> {meta.title}{' '}
                    <small>({count})</small>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <details className="export-filters">
            <summary>Only some annotations{tags.size + statuses.size > 0 ? ` (${tags.size + statuses.size} filters)` : ''}</summary>
            <div className="export-filter-columns">
              <div role="group" aria-label="Only annotations tagged">
                <p>Tagged (or a tag inside it):</p>
                {workspace.codebook.tags.map((tag) => (
                  <label key={tag.id}>
                    <input type="checkbox" checked={tags.has(tag.id)} onChange={() => toggle(tags, tag.id, setTags)} /> {tag.name}
                  </label>
                ))}
              </div>
              <div role="group" aria-label="Only annotations with status">
                <p>With status:</p>
                {workspace.settings.statuses.map((status) => (
                  <label key={status.id}>
                    <input type="checkbox" checked={statuses.has(status.id)} onChange={() => toggle(statuses, status.id, setStatuses)} />{' '}
                    {status.label}
                  </label>
                ))}
              </div>
            </div>
          </details>
        </fieldset>
        <fieldset className="export-options" disabled={running || format !== 'bundle'}>
          <legend>Bundle options</legend>
          <label>
            <input type="checkbox" checked={originals} onChange={(event) => setOriginals(event.target.checked)} /> Include the imported
            files (PDF, Word …) as they came
          </label>
          <label className="export-analyst">
            Made by
            <input
              type="text"
              value={analyst}
              maxLength={200}
              placeholder="Your name"
              onChange={(event) => setAnalyst(event.target.value)}
            />
          </label>
          <label>
            <input type="checkbox" checked={sign} onChange={(event) => setSign(event.target.checked)} /> Sign it as{' '}
            {analyst.trim() || 'Unnamed analyst'} (your Ed25519 key, made on first use: a valid signature shows the bundle is unchanged
            since this key signed it)
          </label>
          <label className="export-analyst">
            Review URL pattern
            <input
              type="text"
              value={reviewUrlPattern}
              maxLength={2048}
              placeholder="https://factcheck.example/claims/{claimId}"
              onChange={(event) => setReviewUrlPattern(event.target.value)}
            />
          </label>
          <small className="export-note">
            Where your fact checks are published, {'{claimId}'} standing for the claim&apos;s id: ClaimReview&apos;s url for claims without
            their own review URL (set in the Claims view). A claim with a verdict and neither is left out of claimreview.jsonld.
          </small>
          <label>
            <input type="checkbox" checked={formulaGuard} onChange={(event) => setFormulaGuard(event.target.checked)} /> Guard claims.csv
            against spreadsheet formulas (a leading &apos; on text cells that start with = + - @; never on the quote)
          </label>
        </fieldset>
        <p className="export-summary span-2">
          {format === 'w3c'
            ? `${count(workspace.annotationCount, 'annotation')} in ${count(documents.length, 'document')}.`
            : `${count(annotationCount, 'annotation')} in ${count(scope === 'all' ? documents.length : chosen.size, 'document')}${tags.size + statuses.size > 0 ? ', before the filters: only annotations with any of the ticked tags and any of the ticked statuses go in' : ''}.`}
        </p>
        {run.state === 'idle' && run.cancelled && (
          <p className="export-hint span-2" role="status">
            The export was cancelled; nothing was saved.
          </p>
        )}
        {run.state === 'running' && (
          <div className="export-progress span-2" data-testid="export-progress">
            <progress aria-label="Export progress" max={run.total ?? 1} value={run.total === undefined ? undefined : run.done} />
            <span>
              {run.cancelling ? 'Cancelling…' : `${PHASES[run.phase] ?? 'Exporting'}${run.total ? ` ${run.done} of ${run.total}` : '…'}`}
            </span>
          </div>
        )}
        <FormFooter
          error={run.state === 'failed' ? run.message : undefined}
          busy={running}
          disabled={nothingChosen}
          submit={['Export', 'Exporting…']}
          onCancel={cancel}
          cancelLabel={running ? 'Cancel export' : 'Cancel'}
        />
      </form>
    </Dialog>
  );
}

/** The end of a finished export: saving it again (a download may have been missed), and Done. */
function SavedFooter({ onSave, onClose }: { readonly onSave: () => void; readonly onClose: () => void }) {
  return (
    <>
      <p className="export-hint">The file was offered for saving. If nothing happened, save it again:</p>
      <div className="form-actions">
        <button type="button" className="button-quiet" onClick={onSave}>
          Save again
        </button>
        <button type="button" className="button-primary" onClick={onClose} autoFocus>
          Done
        </button>
      </div>
    </>
  );
}

const PHASES: Readonly<Record<string, string>> = { reading: 'Reading the workspace', writing: 'Writing files', finishing: 'Finishing' };

/** Which documents are chosen, by title: all of them when few, the first two and a count when many. */
export function chosenSummary(
  documents: readonly { readonly meta: { readonly id: string; readonly title: string } }[],
  chosen: ReadonlySet<string>,
): string {
  const titles = documents.filter(({ meta }) => chosen.has(meta.id)).map(({ meta }) => `“${shorten(meta.title, 50)}”`);
  if (titles.length === 0) return 'none yet';
  if (titles.length <= 3) return titles.join(', ');
  return `${titles.slice(0, 2).join(', ')} and ${titles.length - 2} more`;
}
