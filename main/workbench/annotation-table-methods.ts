// The annotations-table half of the workbench service (issue 19): every annotation of the
// workspace, filtered and sorted here (core/annotations/annotation-table.ts) and sent a page at a
// time. A query of the search language is answered by the search index (match-annotations.ts).
// The last few answers are kept until the store changes, so scrolling, selecting a range and
// exporting the same rows do not filter and sort 100,000 annotations again.
import { speakerResolver } from '../../core/codebook/speakers.ts';
import {
  filterTable,
  sortTable,
  tableEntriesOf,
  tableRow,
  type TableContext,
  type TableEntry,
  type TableRequest,
} from '../../core/annotations/annotation-table.ts';
import type { AnnotationTableApi, TableResult } from '../../core/contract/annotation-table-api.ts';
import type { Disposable } from '../../core/events.ts';
import { claimsByMention, type ClaimMembership } from '../../core/evidence/membership.ts';
import { annotationTableCsv } from '../../core/interchange/annotation-table-csv.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { ok } from '../../core/result.ts';
import type { SearchStatus } from '../../core/search/search-types.ts';
import { fileNameOf } from '../export/export-names.ts';
import { withHeld } from '../store/document-holds.ts';
import { everyDocument } from '../store/tally.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { tableChoices, tagMatrixOf } from './annotation-tallies.ts';
import type { SearchMethods } from './search-methods.ts';

/** Answers kept (a request's rows, in order). */
const KEPT_ANSWERS = 4;

interface Answer {
  readonly rows: readonly TableEntry[];
  readonly all: number;
  readonly status?: SearchStatus;
}

export interface AnnotationTableMethods extends AnnotationTableApi, Disposable {}

export function annotationTableMethods(store: WorkspaceStore, search: Pick<SearchMethods, 'matchAnnotations'>): AnnotationTableMethods {
  const entriesOf = new WeakMap<DocumentFile, readonly TableEntry[]>();
  /** Answers by request, newest last; emptied by any change of the store. */
  let answers = new Map<string, Answer>();
  const subscription = store.onDidChangeRecords(() => (answers = new Map()));
  let contextOf: { readonly key: readonly unknown[]; readonly context: TableContext } | undefined;

  /** What filtering and sorting look up, made again when the codebook, claims or settings change. */
  const context = (): TableContext => {
    const { codebook, settings } = store.workspace;
    const { claims } = store.evidence;
    const key = [codebook, claims, settings];
    if (contextOf !== undefined && contextOf.key.every((part, index) => part === key[index])) return contextOf.context;
    const resolve = speakerResolver(codebook);
    const memberships = claimsByMention(claims, settings.verdictScale);
    const none: readonly ClaimMembership[] = [];
    const tagNames = new Map(codebook.tags.map((tag) => [tag.id, tag.name]));
    const statusLabels = new Map(settings.statuses.map((status) => [status.id, status.label]));
    const made: TableContext = {
      codebook,
      claimsOf: (key) => memberships.get(key) ?? none,
      speakerOf: (name) => resolve(name).name,
      tagName: (id) => tagNames.get(id) ?? id,
      statusLabel: (id) => statusLabels.get(id) ?? id,
    };
    contextOf = { key, context: made };
    return made;
  };

  // Every document at once, as the filters and sorts need every row (on-demand store step 6 moves them to SQL).
  const allEntries = async (): Promise<TableEntry[]> =>
    (await everyDocument(store)).flatMap((file) => {
      let entries = entriesOf.get(file);
      if (entries === undefined) entriesOf.set(file, (entries = tableEntriesOf(file)));
      return entries;
    });

  /** The rows `request` lets through, in its order (kept while the store does not change). */
  const answer = async (request: TableRequest): Promise<TableResult<Answer>> => {
    const key = JSON.stringify([
      request.query?.trim() ?? '',
      request.matchCase ?? false,
      request.filters ?? {},
      request.sort,
      request.descending,
    ]);
    const kept = answers.get(key);
    // A query answered while the index was not ready is asked again.
    if (kept !== undefined && (kept.status === undefined || kept.status.state === 'ready')) {
      answers.delete(key);
      answers.set(key, kept);
      return ok(kept);
    }
    const current = answers;
    const query = request.query?.trim() ?? '';
    let matched: { keys: Set<string>; status: SearchStatus } | undefined;
    if (query !== '') {
      const found = await search.matchAnnotations(query, request.matchCase ?? false);
      if (!found.ok) return found;
      matched = found.value;
    }
    const table = context();
    const entries = await allEntries();
    const rows = sortTable(
      filterTable(entries, request.filters ?? {}, table, matched?.keys),
      request.sort ?? 'document',
      request.descending ?? false,
      table,
    );
    const made: Answer = { rows, all: entries.length, ...(matched === undefined ? {} : { status: matched.status }) };
    // Not kept if the store changed while the index was asked.
    if (current === answers) {
      answers.set(key, made);
      if (answers.size > KEPT_ANSWERS) answers.delete(answers.keys().next().value!);
    }
    return ok(made);
  };

  return {
    async queryAnnotationTable(request, { offset, limit }) {
      const found = await answer(request);
      if (!found.ok) return found;
      const { rows, all, status } = found.value;
      const table = context();
      return ok({
        total: rows.length,
        all,
        offset,
        rows: rows.slice(offset, offset + limit).map((entry) => tableRow(entry, table)),
        ...(status === undefined ? {} : { status }),
      });
    },

    async annotationTableRefs(request, range) {
      const found = await answer(request);
      if (!found.ok) return found;
      const rows = range === undefined ? found.value.rows : found.value.rows.slice(range.offset, range.offset + range.limit);
      return ok({ refs: rows.map(({ meta, annotation }) => ({ documentId: meta.id, annotationId: annotation.id })) });
    },

    async exportAnnotationTable(request) {
      const found = await answer(request);
      if (!found.ok) return found;
      const { rows } = found.value;
      const ids = new Set(rows.map(({ meta }) => meta.id));
      const text = await withHeld(store, ids, () => annotationTableCsv(rows, context(), (id) => store.document(id)?.text ?? ''));
      return ok({ fileName: `${fileNameOf(store.workspace.name)}-annotations.csv`, mimeType: 'text/csv', text, rows: rows.length });
    },

    getAnnotationTableChoices() {
      return tableChoices(store);
    },

    getTagMatrix() {
      return tagMatrixOf(store, store.workspace.codebook);
    },

    dispose: () => subscription.dispose(),
  };
}
