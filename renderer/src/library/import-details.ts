// The details step after an import, as data: a row per document just imported (the fields the
// step edits, as strings), and the edits Apply sends: for each document, only what changed.
import type { DocumentMetaEdit, DocumentMetaPatch } from '../../../core/contract/workbench-api.ts';
import type { DocumentMeta, DocumentSummary } from '../../../core/model/document.ts';
import type { ImportOutcome } from '../../../core/model/import.ts';

export interface DetailsRow {
  readonly documentId: string;
  /** The imported file's name, to tell the rows apart. */
  readonly name: string;
  readonly title: string;
  readonly role: DocumentMeta['role'];
  readonly outlet: string;
  readonly publishedAt: string;
  readonly sourceUrl: string;
}

/** The documents an import added (not new versions, not files already there), as the library has them now. */
export function importedRows(outcomes: readonly ImportOutcome[], documents: readonly DocumentSummary[]): DetailsRow[] {
  const byId = new Map(documents.map(({ meta }) => [meta.id, meta]));
  return outcomes.flatMap((outcome) => {
    const meta = outcome.status === 'imported' ? byId.get(outcome.documentId) : undefined;
    if (meta === undefined) return [];
    return [
      {
        documentId: meta.id,
        name: outcome.name,
        title: meta.title,
        role: meta.role,
        outlet: meta.outlet,
        publishedAt: meta.publishedAt ?? '',
        sourceUrl: meta.sourceUrl ?? '',
      },
    ];
  });
}

/** Each row's changes from the document's details as they are now; rows that change nothing are left out. */
export function detailsEdits(rows: readonly DetailsRow[], documents: readonly DocumentSummary[]): DocumentMetaEdit[] {
  const byId = new Map(documents.map(({ meta }) => [meta.id, meta]));
  return rows.flatMap((row) => {
    const meta = byId.get(row.documentId);
    if (meta === undefined) return [];
    const patch: { -readonly [K in keyof DocumentMetaPatch]: DocumentMetaPatch[K] } = {};
    if (row.title.trim() !== meta.title) patch.title = row.title.trim();
    if (row.role !== meta.role) patch.role = row.role;
    if (row.outlet.trim() !== meta.outlet) patch.outlet = row.outlet.trim();
    // An emptied date or URL is cleared.
    const optional = (value: string, was: string | undefined) => (value.trim() === (was ?? '') ? undefined : value.trim() || null);
    const publishedAt = optional(row.publishedAt, meta.publishedAt);
    if (publishedAt !== undefined) patch.publishedAt = publishedAt;
    const sourceUrl = optional(row.sourceUrl, meta.sourceUrl);
    if (sourceUrl !== undefined) patch.sourceUrl = sourceUrl;
    return Object.keys(patch).length === 0 ? [] : [{ documentId: row.documentId, patch }];
  });
}
