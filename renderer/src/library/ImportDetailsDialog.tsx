// The details step after an import: the documents just imported, one row each, with their title,
// role, outlet, published date and URL to fill in at once, instead of Edit details on each. Apply
// saves every change as one undo step (all or none: a refused date or URL names its document);
// Skip leaves them as they are. Opened from the import panel, so it never stands in the way.
import { useState, type FormEvent } from 'react';
import type { DocumentMeta, DocumentSummary } from '../../../core/model/document.ts';
import { api } from '../api/client.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';
import { detailsEdits, type DetailsRow } from './import-details.ts';

interface ImportDetailsDialogProps {
  /** The documents just imported, as the form starts. */
  readonly rows: readonly DetailsRow[];
  /** The library now: what each row is compared with. */
  readonly documents: readonly DocumentSummary[];
  readonly onClose: () => void;
}

type TextField = 'title' | 'outlet' | 'publishedAt' | 'sourceUrl';

export function ImportDetailsDialog({ rows: initial, documents, onClose }: ImportDetailsDialogProps) {
  const [rows, setRows] = useState(initial);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const change = (documentId: string, fields: Partial<DetailsRow>) =>
    setRows((current) => current.map((row) => (row.documentId === documentId ? { ...row, ...fields } : row)));

  const apply = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const edits = detailsEdits(rows, documents);
    if (edits.length === 0) return onClose();
    setBusy(true);
    try {
      const result = await api.updateDocumentsMeta(edits);
      if (result.ok) onClose();
      else setError(`${result.error.message.replace(/\.?$/, '.')} Nothing was saved.`);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const input = (row: DetailsRow, field: TextField, label: string, extra: { placeholder?: string; type?: string } = {}) => (
    <input
      value={row[field]}
      aria-label={`${label} of ${row.name}`}
      maxLength={field === 'sourceUrl' ? 4096 : field === 'title' ? 1000 : 500}
      required={field === 'title'}
      onChange={(event) => change(row.documentId, { [field]: event.target.value })}
      {...extra}
    />
  );

  return (
    <Dialog title="Details of the imported documents" onClose={onClose} wide>
      <form
        className="form import-details"
        onSubmit={(event) => void apply(event)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void apply();
        }}
      >
        <p className="form-hint">
          A new document is a checked document (its claims are checked) until you say it is a source. Ctrl+Enter applies; one undo takes it
          all back.
        </p>
        <label className="import-details-all">
          Role of every document
          <select
            value=""
            onChange={(event) => {
              const role = event.target.value as DocumentMeta['role'];
              setRows((current) => current.map((row) => ({ ...row, role })));
            }}
          >
            <option value="" disabled>
              Set all…
            </option>
            <option value="claim">Checked documents</option>
            <option value="source">Sources</option>
          </select>
        </label>
        <div className="import-details-scroll">
          <table className="import-details-table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Role</th>
                <th scope="col">Outlet</th>
                <th scope="col">Published</th>
                <th scope="col">URL</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.documentId}>
                  <td>
                    {input(row, 'title', 'Title')}
                    <span className="import-details-file">{row.name}</span>
                  </td>
                  <td>
                    <select
                      value={row.role}
                      aria-label={`Role of ${row.name}`}
                      onChange={(event) => change(row.documentId, { role: event.target.value as DocumentMeta['role'] })}
                    >
                      <option value="claim">Checked document</option>
                      <option value="source">Source</option>
                    </select>
                  </td>
                  <td>{input(row, 'outlet', 'Outlet')}</td>
                  <td>{input(row, 'publishedAt', 'Published date', { placeholder: '2026-08-14' })}</td>
                  <td>{input(row, 'sourceUrl', 'URL', { placeholder: 'https://…', type: 'url' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <FormFooter error={error} busy={busy} submit={['Apply', 'Applying…']} onCancel={onClose} cancelLabel="Skip" />
      </form>
    </Dialog>
  );
}
