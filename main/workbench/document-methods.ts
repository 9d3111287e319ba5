// The documents half of the workbench service: the library, reading a document (its annotations in
// pages), its metadata (one document's, or several at once as one undo step), and deleting it with its annotations and the links and claim mentions that
// point at them, in one undo step. Its original stays in originals/ (content-addressed, maybe
// shared, and undo needs it).
import type { DocumentMetaPatch, DocumentsChange, WorkbenchApi } from '../../core/contract/workbench-api.ts';
import { annotationPage } from '../../core/annotations/paging.ts';
import type { Emitter } from '../../core/events.ts';
import { afterAnnotationsRemoved, dependentsOf } from '../../core/evidence/references.ts';
import { quoted } from '../../core/history/edit-labels.ts';
import type { DetailFields, DetailsEdit } from '../../core/history/history.ts';
import { DocumentMeta, type DocumentSummary } from '../../core/model/document.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { byImport, type DocumentHead, type WorkspaceStore } from '../store/workspace-store.ts';
import { withHeld } from '../store/document-holds.ts';
import type { ChangeLog } from './change-log.ts';

type DocumentMethods = Pick<
  WorkbenchApi,
  | 'listDocuments'
  | 'listDocumentsPage'
  | 'getDocumentSummaries'
  | 'getDocument'
  | 'getAnnotations'
  | 'updateDocumentMeta'
  | 'updateDocumentsMeta'
  | 'deleteDocument'
>;

export function documentMethods(store: WorkspaceStore, changes: ChangeLog, documentsChanged: Emitter<DocumentsChange>): DocumentMethods {
  return {
    async listDocuments() {
      return summaries(store, store.heads);
    },

    async listDocumentsPage(limit, after) {
      const all = store.heads;
      const start = after === undefined ? 0 : pageStart(all, after);
      const end = Math.min(all.length, start + limit);
      const documents = await summaries(store, all.slice(start, end));
      return end < all.length ? { documents, total: all.length, next: cursorOf(all[end - 1]!) } : { documents, total: all.length };
    },

    async getDocumentSummaries(ids) {
      return summaries(
        store,
        ids.flatMap((id) => store.head(id) ?? []),
      );
    },

    getDocument(id, annotationLimit) {
      return withHeld(store, [id], async () => {
        const file = store.document(id);
        if (file === undefined) return fail('not-found', `There is no document "${id}" in this workspace.`);
        const { annotations, next } = annotationPage(file.annotations, undefined, annotationLimit ?? file.annotations.length);
        const view = { meta: file.meta, text: file.text, annotations, structure: file.structure, annotationTotal: file.annotations.length };
        return ok(next === undefined ? view : { ...view, nextAnnotations: next });
      });
    },

    getAnnotations(documentId, after, limit) {
      return withHeld(store, [documentId], async () => {
        const file = store.document(documentId);
        if (file === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
        return ok(annotationPage(file.annotations, after, limit));
      });
    },

    updateDocumentMeta(id, patch) {
      // Not an undo step, but in turn with those: it rewrites the whole file, so it must not read a
      // document that a change under way is about to rewrite (its annotations would be lost) or
      // remove (a deletion: it would bring the document back).
      return changes.exclusive(
        async () => {
          const document = store.document(id);
          if (document === undefined) return fail('not-found', `There is no document "${id}" in this workspace.`);
          const next = patched(document.meta, patch);
          if (!next.ok) return next;
          const written = await store.putDocument({ ...document, meta: next.value });
          if (!written.ok) return written;
          documentsChanged.fire({ changed: [id], removed: [] });
          return ok(written.value.meta);
        },
        { documents: [id] },
      );
    },

    updateDocumentsMeta(edits) {
      return changes.exclusive(
        async () => {
          const details: DetailsEdit[] = [];
          const seen = new Set<string>();
          for (const { documentId, patch } of edits) {
            const document = store.document(documentId);
            if (document === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
            if (seen.has(documentId)) return fail('invalid', `${quoted(document.meta.title)} is named twice.`);
            seen.add(documentId);
            const next = patched(document.meta, patch);
            if (!next.ok) return fail('invalid', `${quoted(document.meta.title)}: ${next.error.message}`);
            const edit = detailsEdit(documentId, document.meta, next.value);
            if (edit !== undefined) details.push(edit);
          }
          if (details.length > 0) {
            const only = details.length === 1 ? store.document(details[0]!.documentId) : undefined;
            const label = only ? `Edit details of ${quoted(only.meta.title)}` : `Edit details of ${details.length} documents`;
            const written = await changes.commit({ label, annotations: [], details });
            if (!written.ok) return written;
          }
          return ok(edits.map(({ documentId }) => store.document(documentId)!.meta));
        },
        { documents: edits.map((edit) => edit.documentId) },
      );
    },

    deleteDocument(documentId) {
      return changes.exclusive(
        async () => {
          const before = store.document(documentId);
          if (before === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
          const target = { documentId };
          const { links, mentions } = dependentsOf(store.evidence, target);
          const evidence = afterAnnotationsRemoved(store.evidence, target);
          const written = await changes.commit({
            label: `Delete document ${quoted(before.meta.title)}`,
            annotations: [],
            documents: [{ documentId, before, after: undefined }],
            evidence,
          });
          if (!written.ok) return written;
          return ok({ links: links.length, mentions: mentions.reduce((sum, { refs }) => sum + refs.length, 0) });
        },
        { documents: [documentId] },
      );
    },
  };
}

/** How the details form names each field, for messages. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  title: 'Title',
  role: 'Role',
  outlet: 'Outlet',
  author: 'Author',
  publishedAt: 'Published (use a date like 2026-08-14, or a date and time with its offset)',
  sourceUrl: 'URL (an http or https address)',
  language: 'Language',
  tags: 'Tags',
};

/** `meta` with `patch` applied, or why the result is not valid, naming the field as the details form does. */
function patched(meta: DocumentMeta, patch: DocumentMetaPatch): Result<DocumentMeta, 'invalid'> {
  const next = DocumentMeta.safeParse(applyPatch(meta, patch));
  if (next.success) return ok(next.data);
  const issue = next.error.issues[0];
  const field = FIELD_NAMES[String(issue?.path[0])] ?? String(issue?.path[0] ?? 'metadata');
  return fail('invalid', `${field}: ${issue?.message ?? 'not valid'}`);
}

/** The fields that differ between `before` and `after`, each side's values; undefined when none does. */
function detailsEdit(documentId: string, before: DocumentMeta, after: DocumentMeta): DetailsEdit | undefined {
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => JSON.stringify(before[key as keyof DocumentMeta]) !== JSON.stringify(after[key as keyof DocumentMeta]),
  ) as (keyof DocumentMeta)[];
  if (changed.length === 0) return undefined;
  const pick = (meta: DocumentMeta): DetailFields => Object.fromEntries(changed.map((key) => [key, meta[key]]));
  return { documentId, before: pick(before), after: pick(after) };
}

function applyPatch(meta: DocumentMeta, patch: DocumentMetaPatch): Record<string, unknown> {
  const next: Record<string, unknown> = { ...meta };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next;
}

/**
 * The library's rows of the documents whose heads are given, in their order: the count from the
 * head, the metadata read for them all at once. A document gone between the two is left out.
 */
async function summaries(store: WorkspaceStore, heads: readonly DocumentHead[]): Promise<DocumentSummary[]> {
  const metas = await store.metas(heads.map(({ id }) => id));
  return heads.flatMap(({ id, annotationCount }) => {
    const meta = metas.get(id);
    return meta === undefined ? [] : [{ meta, annotationCount }];
  });
}

/** Where a page ended: the place in the library's order (byImport) of its last document, and that document. */
function cursorOf({ importedAt, title, id }: DocumentHead): string {
  return Buffer.from(JSON.stringify([importedAt, title, id])).toString('base64url');
}

/**
 * Where the page after cursor `after` starts in `all`: after the document it names, wherever
 * documents added or removed meanwhile have moved it; after that document's place in the order
 * when it is gone. A cursor that cannot be read starts at the beginning.
 */
function pageStart(all: readonly DocumentHead[], after: string): number {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    return 0;
  }
  if (!Array.isArray(key) || key.length !== 3 || !key.every((part) => typeof part === 'string')) return 0;
  const [importedAt, title, id] = key as [string, string, string];
  const found = all.findIndex((head) => head.id === id);
  if (found >= 0) return found + 1;
  // The first document after the gone one's place (byImport: imported at, then title, then id).
  const isAfter = (head: DocumentHead) => byImport(head, { importedAt, title, id }) > 0;
  let low = 0;
  let high = all.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAfter(all[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}
