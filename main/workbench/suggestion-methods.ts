// Claim suggestions in the service (issue 21): a document's text analysed by core/suggest in a
// worker thread (suggest-worker.ts; progress fired after each chunk), cached per text hash; accepting makes them annotations in one undoable
// change; rejecting keeps them out for good, in the document's metadata.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { newAnnotation, vocabularyOf } from '../../core/annotations/annotation-operations.ts';
import { canonicalSpeaker } from '../../core/codebook/speakers.ts';
import type { DocumentSuggestion, DocumentSuggestions, SuggestionProgress } from '../../core/contract/suggestions-api.ts';
import type { WorkbenchApi } from '../../core/contract/workbench-api.ts';
import type { Emitter } from '../../core/events.ts';
import type { AnnotationEdit } from '../../core/history/history.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { DocumentMeta, type RejectedSuggestion } from '../../core/model/document.ts';
import { fail, ok } from '../../core/result.ts';
import type { Suggestion } from '../../core/suggest/types.ts';
import { APP_LAYOUT } from '../app-paths.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { ChangeLog } from './change-log.ts';
import type { SuggestWorkerData, SuggestWorkerMessage } from './suggest-worker.ts';

type SuggestionMethods = Pick<WorkbenchApi, 'getSuggestions' | 'acceptSuggestions' | 'rejectSuggestions'>;

// The worker's script for this way of running (sources, build or package): see app-paths.ts.
const WORKER_URL = APP_LAYOUT.workerUrl('suggest-worker');
/** Texts whose suggestions are kept (the documents looked at most recently). */
const CACHED = 8;

export const suggestionId = ({ kind, start, end }: Pick<Suggestion, 'kind' | 'start' | 'end'>): string => `${kind}:${start}-${end}`;

/** Whether `suggestion` was turned down: in this text at this place, or with the same words, kind and place in another version. */
export function isRejected(suggestion: Suggestion, textHash: string, rejected: readonly RejectedSuggestion[]): boolean {
  return rejected.some(
    (decision) =>
      decision.kind === suggestion.kind &&
      decision.start === suggestion.start &&
      decision.end === suggestion.end &&
      (decision.textHash === textHash || decision.text === suggestion.text),
  );
}

export function suggestionMethods(store: WorkspaceStore, changes: ChangeLog, progress: Emitter<SuggestionProgress>): SuggestionMethods {
  /** Analyses under way or done, by text hash, most recent last. */
  const cache = new Map<string, Promise<readonly Suggestion[]>>();

  const analyse = (documentId: string, textHash: string, text: string): Promise<readonly Suggestion[]> => {
    const cached = cache.get(textHash);
    if (cached !== undefined) {
      cache.delete(textHash);
      cache.set(textHash, cached);
      return cached;
    }
    const running = suggestInWorker(text, (done, total) => progress.fire({ documentId, done, total }));
    cache.set(textHash, running);
    running.catch(() => cache.delete(textHash));
    while (cache.size > CACHED) cache.delete(cache.keys().next().value!);
    return running;
  };

  /** The document's suggestions now, or undefined when it is gone. */
  const current = async (documentId: string): Promise<DocumentSuggestions | undefined> => {
    const file = store.document(documentId);
    if (file === undefined) return undefined;
    const { textHash } = file.meta;
    const all = await analyse(documentId, textHash, file.text);
    // Read again: annotations or rejections may have changed while it was analysed.
    const now = store.document(documentId);
    if (now === undefined) return undefined;
    if (now.meta.textHash !== textHash) return current(documentId);
    const rejected = now.meta.rejectedSuggestions ?? [];
    const spans = now.annotations.map((annotation) => annotation.target);
    const suggestions: DocumentSuggestion[] = [];
    for (const suggestion of all) {
      if (isRejected(suggestion, textHash, rejected)) continue;
      const marked = spans.some((span) => span.start < suggestion.end && span.end > suggestion.start);
      suggestions.push({ ...suggestion, id: suggestionId(suggestion), marked });
    }
    return { documentId, textHash, suggestions, rejected: all.length - suggestions.length };
  };

  return {
    async getSuggestions(documentId) {
      const found = await current(documentId);
      return found === undefined ? fail('not-found', `There is no document "${documentId}" in this workspace.`) : ok(found);
    },

    async acceptSuggestions(documentId, choices) {
      const found = await current(documentId);
      if (found === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
      const byId = new Map(found.suggestions.map((suggestion) => [suggestion.id, suggestion]));
      const chosen = choices.map((choice) => ({ choice, suggestion: byId.get(choice.id) }));
      const missing = chosen.find((entry) => entry.suggestion === undefined);
      if (missing !== undefined) return fail('invalid', `There is no suggestion "${missing.choice.id}" in this version of the document.`);
      return changes.exclusive(async () => {
        const file = store.document(documentId);
        if (file === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
        if (file.meta.textHash !== found.textHash) return fail('invalid', 'The document changed: ask for its suggestions again.');
        const { settings, codebook } = store.workspace;
        const accepter = settings.analystName;
        const now = new Date().toISOString();
        const created: Annotation[] = [];
        for (const { choice, suggestion } of chosen) {
          const { start, end, kind, reason, speaker, outlet } = suggestion!;
          const made = newAnnotation(
            file.text,
            {
              start,
              end,
              tags: choice.tags,
              speaker: speaker === undefined ? '' : canonicalSpeaker(codebook, speaker),
              outlet: outlet ?? '',
              note: suggestedNote(kind, reason, accepter),
            },
            { id: randomUUID(), creator: accepter, now, vocabulary: vocabularyOf(store.workspace), textHash: file.meta.textHash },
          );
          if (!made.ok) return made;
          created.push(made.value);
        }
        const edits: AnnotationEdit[] = created.map((annotation) => ({
          documentId,
          annotationId: annotation.id,
          before: undefined,
          after: annotation,
        }));
        const written = await changes.commit({
          label: created.length === 1 ? 'Accept a suggestion' : `Accept ${created.length} suggestions`,
          annotations: edits,
        });
        return written.ok ? ok(created) : written;
      });
    },

    rejectSuggestions(documentId, ids) {
      // Not an undo step, but in turn with those: it rewrites the document's file (see updateDocumentMeta).
      return changes.exclusive(async () => {
        const file = store.document(documentId);
        if (file === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
        const { textHash } = file.meta;
        const wanted = new Set(ids);
        const all = await analyse(documentId, textHash, file.text);
        const before = file.meta.rejectedSuggestions ?? [];
        const added: RejectedSuggestion[] = all
          .filter((suggestion) => wanted.has(suggestionId(suggestion)) && !isRejected(suggestion, textHash, before))
          .map(({ kind, start, end, text }) => ({ textHash, kind, start, end, text }));
        if (added.length === 0) return ok({ rejected: 0 });
        const meta = DocumentMeta.parse({ ...file.meta, rejectedSuggestions: [...before, ...added] });
        const written = await store.putDocument({ ...file, meta });
        return written.ok ? ok({ rejected: added.length }) : written;
      });
    },
  };
}

/** The suggestions of `text`, found in a worker thread of their own; rejects when the worker fails or dies. */
function suggestInWorker(text: string, onProgress: (done: number, total: number) => void): Promise<readonly Suggestion[]> {
  return new Promise((resolve, reject) => {
    const workerData: SuggestWorkerData = { text };
    const worker = new Worker(WORKER_URL, { workerData });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on('message', (message: SuggestWorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.done, message.total);
      else if (message.kind === 'done') settle(() => resolve(message.suggestions));
      else settle(() => reject(new Error(`the analysis failed: ${message.message}`)));
    });
    worker.once('error', (error) => settle(() => reject(new Error(`the analysis stopped unexpectedly: ${error.message}`))));
    worker.once('exit', (code) => settle(() => reject(new Error(`the analysis stopped unexpectedly (exit code ${code})`))));
  });
}

/** The note of an accepted suggestion: that it was suggested, as what and why, and who accepted it. */
export function suggestedNote(kind: Suggestion['kind'], reason: string, accepter: string): string {
  const who = accepter.trim() === '' ? '' : ` Accepted by ${accepter.trim()}.`;
  return `Suggested by Claimbench (${kind}): ${reason}.${who}`;
}
