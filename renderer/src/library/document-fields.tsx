// A document's details as a form edits them (strings, '' for none), the patch they make, and the
// inputs for role, outlet, author, date and URL, shared by Document details and Paste.
import type { DocumentMetaPatch } from '../../../core/contract/workbench-api.ts';
import type { DocumentMeta } from '../../../core/model/document.ts';

export interface DetailFields {
  readonly role: DocumentMeta['role'];
  readonly outlet: string;
  readonly author: string;
  readonly publishedAt: string;
  readonly sourceUrl: string;
}

export const EMPTY_DETAILS: DetailFields = { role: 'claim', outlet: '', author: '', publishedAt: '', sourceUrl: '' };

/** The patch for these fields: empty date and URL clear them. */
export function detailsPatch(fields: DetailFields): DocumentMetaPatch {
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    role: fields.role,
    outlet: fields.outlet,
    author: fields.author,
    publishedAt: optional(fields.publishedAt),
    sourceUrl: optional(fields.sourceUrl),
  };
}

interface DetailInputsProps {
  readonly fields: DetailFields;
  readonly onChange: (fields: DetailFields) => void;
}

/** Role, outlet, author, published date and URL, as two-column grid cells. */
export function DetailInputs({ fields, onChange }: DetailInputsProps) {
  const set = (name: keyof DetailFields) => (event: { target: { value: string } }) => onChange({ ...fields, [name]: event.target.value });
  return (
    <>
      <label>
        Role
        <select value={fields.role} onChange={set('role')}>
          <option value="claim">Checked document (its claims are checked)</option>
          <option value="source">Source</option>
        </select>
      </label>
      <label>
        Outlet
        <input value={fields.outlet} onChange={set('outlet')} maxLength={500} />
      </label>
      <label>
        Author
        <input value={fields.author} onChange={set('author')} maxLength={500} />
      </label>
      <label>
        Published
        <input value={fields.publishedAt} onChange={set('publishedAt')} placeholder="2026-08-14" />
      </label>
      <label className="span-2">
        URL
        <input value={fields.sourceUrl} onChange={set('sourceUrl')} placeholder="https://…" type="url" />
      </label>
    </>
  );
}
