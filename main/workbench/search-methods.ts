// The search half of the workbench service: parses the query (a bad one is an error value with its
// position), narrows it by the facet values chosen, and asks the workspace's search index
// (main/search/workspace-search.ts), which follows every change of the store. "Tag every
// occurrence" lists the places the query finds in the text and annotates those chosen, in one
// undoable change. A hit on the text names the annotations it lies in (core/search/hit-annotations.ts).
import { randomUUID } from 'node:crypto';
import { newAnnotation, vocabularyOf } from '../../core/annotations/annotation-operations.ts';
import { canonicalSpeaker } from '../../core/codebook/speakers.ts';
import type { AnswerHit, Occurrence, SearchApi } from '../../core/contract/search-api.ts';
import type { Emitter } from '../../core/events.ts';
import type { AnnotationEdit } from '../../core/history/history.ts';
import { refKey } from '../../core/model/evidence.ts';
import { fail, ok } from '../../core/result.ts';
import { narrowQuery, scopesOf } from '../../core/search/query-ast.ts';
import { parseQuery, type QueryError } from '../../core/search/query.ts';
import type { SearchHit, SearchStatus } from '../../core/search/search-types.ts';
import { annotationsAt } from '../../core/search/hit-annotations.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { coveredBy, planTagOccurrences } from '../../core/search/tag-occurrences.ts';
import { withHeld } from '../store/document-holds.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { WorkspaceSearch } from '../search/workspace-search.ts';
import type { PgWorkspaceStore } from '../team/pg-store.ts';
import type { ChangeLog } from './change-log.ts';
import { authorName } from './author.ts';

/** The most occurrences listed for tagging. */
const MAX_OCCURRENCES = 10_000;

export interface SearchMethods extends SearchApi {
  /**
   * The annotations a query lets through, as the annotations table reads it, by `refKey`, with the
   * index's status then (they may lag while it is not ready). A query that cannot be read is an error value.
   */
  matchAnnotations(
    query: string,
    matchCase: boolean,
  ): Promise<{ ok: true; value: { keys: Set<string>; status: SearchStatus } } | { ok: false; error: QueryError }>;
  /** Resolves once the index is ready (checked or rebuilt): what a one-off search (the CLI) waits for. */
  searchReady(): Promise<void>;
  disposeSearch(): Promise<void>;
}

/**
 * @param indexOnOpen open and check the index now (the desktop app, the web host); otherwise at
 * the first search.
 */
export function searchMethods(
  store: WorkspaceStore,
  changes: ChangeLog,
  statusChanged: Emitter<SearchStatus>,
  { indexOnOpen }: { readonly indexOnOpen: boolean },
): SearchMethods {
  // The team server's index is in its PostgreSQL database (full-text search and pg_trgm); the folder's is a SQLite file.
  // Imported only then: the desktop app never loads pg.
  const teamDb = (store as Partial<Pick<PgWorkspaceStore, 'teamDb'>>).teamDb;
  const search = new WorkspaceSearch(
    store,
    (status) => statusChanged.fire(status),
    ...(teamDb === undefined ? [] : [async () => (await import('../search/pg/pg-search-index.ts')).openPgSearchIndex(teamDb)]),
  );
  if (indexOnOpen) void search.start().catch(() => undefined);
  return {
    async search(text, options = {}) {
      const parsed = parseQuery(text);
      if (!parsed.ok) return parsed;
      const { filters = [], ...rest } = options;
      const query = narrowQuery(parsed.value, filters, text.length);
      if (query.groups.length === 0)
        return { ok: true, value: { counts: { documents: 0, hits: 0, exact: true }, groups: [], status: search.status } };
      const results = await search.search(query, rest);
      // A hit on the text is labelled with the annotations it lies in or overlaps (the words may be annotated already).
      const groups = await withHeld(
        store,
        results.groups.map((group) => group.documentId),
        () =>
          results.groups.map((group) => {
            const annotations = store.document(group.documentId)?.annotations ?? [];
            return annotations.length === 0 ? group : { ...group, hits: group.hits.map((hit) => withAnnotations(hit, annotations)) };
          }),
      );
      return { ok: true, value: { ...results, groups, status: search.status } };
    },
    async findOccurrences(text, options = {}) {
      const parsed = parseQuery(text);
      if (!parsed.ok) return parsed;
      const query = narrowQuery(parsed.value, options.filters ?? [], text.length);
      if (query.groups.length === 0 || !scopesOf(query).includes('text')) return ok({ occurrences: [], truncated: false });
      const results = await search.search(query, {
        limit: MAX_OCCURRENCES,
        hitsPerDocument: MAX_OCCURRENCES,
        ...(options.matchCase === undefined ? {} : { matchCase: options.matchCase }),
      });
      const occurrences: Occurrence[] = [];
      for (const group of results.groups) {
        // One document held at a time: the results can name up to MAX_OCCURRENCES documents.
        const targets = await withHeld(store, [group.documentId], () =>
          (store.document(group.documentId)?.annotations ?? []).map((annotation) => annotation.target),
        );
        for (const { documentId, start, end, snippet, annotationId } of group.hits) {
          // Words found in the text only: a document matched by its details has no place to tag.
          if (annotationId !== undefined || end <= start) continue;
          occurrences.push({ documentId, start, end, title: group.title, snippet, annotated: coveredBy(targets, { start, end }) });
        }
      }
      return ok({
        occurrences: occurrences.slice(0, MAX_OCCURRENCES),
        truncated: occurrences.length > MAX_OCCURRENCES || !results.counts.exact,
      });
    },
    tagOccurrences(spans, fields) {
      return changes.exclusive(
        async () => {
          const byDocument: Record<string, { start: number; end: number }[]> = {};
          for (const { documentId, start, end } of spans) (byDocument[documentId] ??= []).push({ start, end });
          const plan = planTagOccurrences(byDocument, (documentId) => store.document(documentId)?.annotations ?? [], true);
          const now = new Date().toISOString();
          const { tags, status, speaker } = fields;
          const input = {
            tags,
            ...(status === undefined ? {} : { status }),
            ...(speaker === undefined ? {} : { speaker: canonicalSpeaker(store.workspace.codebook, speaker) }),
          };
          const edits: AnnotationEdit[] = [];
          for (const { documentId, start, end } of plan.spans) {
            const file = store.document(documentId);
            if (file === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace: nothing was tagged.`);
            const created = newAnnotation(
              file.text,
              { ...input, start, end },
              {
                id: randomUUID(),
                creator: authorName(store.workspace.settings),
                now,
                vocabulary: vocabularyOf(store.workspace),
                textHash: file.meta.textHash,
              },
            );
            if (!created.ok) return fail(created.error.code, `${file.meta.title}: ${created.error.message} Nothing was tagged.`);
            edits.push({ documentId, annotationId: created.value.id, before: undefined, after: created.value });
          }
          if (edits.length === 0) return fail('invalid', 'Choose at least one occurrence to tag.');
          const names = new Map(store.workspace.codebook.tags.map((tag) => [tag.id, tag.name]));
          const label = `Tag ${edits.length} occurrence${edits.length === 1 ? '' : 's'} as ${tags.map((tag) => names.get(tag) ?? tag).join(', ')}`;
          const written = await changes.commit({ label, annotations: edits });
          return written.ok ? ok({ annotations: edits.length, documents: plan.documentCount }) : written;
        },
        { documents: spans.map((span) => span.documentId) },
      );
    },
    async getSearchStatus() {
      await search.start().catch(() => undefined);
      return search.status;
    },
    async matchAnnotations(text, matchCase) {
      const parsed = parseQuery(text);
      if (!parsed.ok) return parsed;
      if (parsed.value.groups.length === 0) return ok({ keys: new Set<string>(), status: search.status });
      const found = await search.matchAnnotations(parsed.value, { matchCase });
      return ok({ keys: new Set(found.map(refKey)), status: search.status });
    },
    searchReady: () => search.whenReady(),
    disposeSearch: () => search.dispose(),
  };
}

/** `hit` with the annotations it lies in or overlaps, when it is a hit on the text and there are any. */
function withAnnotations(hit: SearchHit, annotations: readonly Annotation[]): AnswerHit {
  if (hit.annotationId !== undefined || hit.claimId !== undefined) return hit;
  const found = annotationsAt(annotations, hit.start, hit.end);
  return found.length === 0 ? hit : { ...hit, inAnnotations: found };
}
