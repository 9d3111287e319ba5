// Claim suggestions in the service (issue 21): a document's text analysed by core/suggest in a
// worker thread (suggest-queue.ts: one at a time, progress fired after each chunk, cached per text
// hash), on demand and in the background after an import; accepting makes them annotations in one
// undoable change; rejecting keeps them out for good, in the document's metadata (and in later
// versions where the words did not change: core/suggest/carry-rejections.ts).
import { randomUUID } from 'node:crypto';
import { newAnnotation, vocabularyOf } from '../../core/annotations/annotation-operations.ts';
import { canonicalSpeaker } from '../../core/codebook/speakers.ts';
import type { DocumentSuggestion, DocumentSuggestions, SuggestionProgress } from '../../core/contract/suggestions-api.ts';
import type { SuggestionRange, WorkbenchApi } from '../../core/contract/workbench-api.ts';
import type { Emitter } from '../../core/events.ts';
import type { AnnotationEdit } from '../../core/history/history.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { DocumentMeta, type RejectedSuggestion } from '../../core/model/document.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Suggestion } from '../../core/suggest/types.ts';
import { withHeld } from '../store/document-holds.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { ChangeLog } from './change-log.ts';
import { AnalysisCancelled, SuggestQueue, type SuggestQueueOptions } from './suggest-queue.ts';
import { authorName } from './author.ts';

type SuggestionMethods = Pick<WorkbenchApi, 'getSuggestions' | 'acceptSuggestions' | 'rejectSuggestions'> & {
  /** Analyses the document's text in the background (after an import), so opening it shows them at once. */
  suggestInBackground(documentId: string): void;
  /** Stops the analysis under way; the calls waiting for one get a 'cancelled' failure. */
  disposeSuggestions(): Promise<void>;
};

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

export function suggestionMethods(
  store: WorkspaceStore,
  changes: ChangeLog,
  progress: Emitter<SuggestionProgress>,
  options: SuggestQueueOptions = {},
): SuggestionMethods {
  const queue = new SuggestQueue(options);
  const gone = (documentId: string) => fail('not-found', `There is no document "${documentId}" in this workspace.`);

  /** The suggestions of the document's text, or 'cancelled' when the service closed first. */
  const analyse = async (documentId: string, textHash: string, text: string): Promise<Result<readonly Suggestion[], 'cancelled'>> => {
    try {
      return ok(await queue.suggestions(textHash, text, (done, total) => progress.fire({ documentId, done, total }), 'now'));
    } catch (error) {
      if (error instanceof AnalysisCancelled) return fail('cancelled', error.message);
      throw error;
    }
  };

  /** The document's suggestions now (those that start in `range`, when it is given). */
  const current = async (documentId: string, range?: SuggestionRange): Promise<Result<DocumentSuggestions, 'not-found' | 'cancelled'>> => {
    return withHeld(store, [documentId], async () => {
      const file = store.document(documentId);
      if (file === undefined) return gone(documentId);
      const { textHash } = file.meta;
      const all = await analyse(documentId, textHash, file.text);
      if (!all.ok) return all;
      // Read again: annotations or rejections may have changed while it was analysed.
      const now = store.document(documentId);
      if (now === undefined) return gone(documentId);
      if (now.meta.textHash !== textHash) return current(documentId, range);
      const rejected = now.meta.rejectedSuggestions ?? [];
      const spans = now.annotations.map((annotation) => annotation.target);
      const suggestions: DocumentSuggestion[] = [];
      let asked = 0;
      for (const suggestion of all.value) {
        if (range !== undefined && (suggestion.start < range.start || suggestion.start >= range.end)) continue;
        asked++;
        if (isRejected(suggestion, textHash, rejected)) continue;
        const marked = spans.some((span) => span.start < suggestion.end && span.end > suggestion.start);
        suggestions.push({ ...suggestion, id: suggestionId(suggestion), marked });
      }
      return ok({ documentId, textHash, suggestions, rejected: asked - suggestions.length });
    });
  };

  return {
    getSuggestions: current,

    async acceptSuggestions(documentId, choices) {
      const answer = await current(documentId);
      if (!answer.ok) return answer;
      const found = answer.value;
      const byId = new Map(found.suggestions.map((suggestion) => [suggestion.id, suggestion]));
      const chosen = choices.map((choice) => ({ choice, suggestion: byId.get(choice.id) }));
      const missing = chosen.find((entry) => entry.suggestion === undefined);
      if (missing !== undefined) return fail('invalid', `There is no suggestion "${missing.choice.id}" in this version of the document.`);
      return changes.exclusive(
        async () => {
          const file = store.document(documentId);
          if (file === undefined) return gone(documentId);
          if (file.meta.textHash !== found.textHash) return fail('invalid', 'The document changed: ask for its suggestions again.');
          const { settings, codebook } = store.workspace;
          const accepter = authorName(settings);
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
        },
        { documents: [documentId] },
      );
    },

    rejectSuggestions(documentId, ids) {
      // Not an undo step, but in turn with those: it rewrites the document's file (see updateDocumentMeta).
      return changes.exclusive(
        async () => {
          const file = store.document(documentId);
          if (file === undefined) return gone(documentId);
          const { textHash } = file.meta;
          const wanted = new Set(ids);
          const all = await analyse(documentId, textHash, file.text);
          if (!all.ok) return all;
          const before = file.meta.rejectedSuggestions ?? [];
          const added: RejectedSuggestion[] = all.value
            .filter((suggestion) => wanted.has(suggestionId(suggestion)) && !isRejected(suggestion, textHash, before))
            .map(({ kind, start, end, text }) => ({ textHash, kind, start, end, text }));
          if (added.length === 0) return ok({ rejected: 0 });
          const meta = DocumentMeta.parse({ ...file.meta, rejectedSuggestions: [...before, ...added] });
          const written = await store.putDocument({ ...file, meta });
          return written.ok ? ok({ rejected: added.length }) : written;
        },
        { documents: [documentId] },
      );
    },

    suggestInBackground(documentId) {
      void withHeld(store, [documentId], () => {
        const file = store.document(documentId);
        if (file === undefined) return;
        const { textHash } = file.meta;
        // Nobody waits for it: a failure here is met again, and reported, when the document is opened.
        queue.suggestions(textHash, file.text, (done, total) => progress.fire({ documentId, done, total }), 'background').catch(() => {});
      });
    },

    disposeSuggestions: () => queue.close(),
  };
}

/** The note of an accepted suggestion: that it was suggested, as what and why, and who accepted it. */
export function suggestedNote(kind: Suggestion['kind'], reason: string, accepter: string): string {
  const who = accepter.trim() === '' ? '' : ` Accepted by ${accepter.trim()}.`;
  return `Suggested by Claimbench (${kind}): ${reason}.${who}`;
}
