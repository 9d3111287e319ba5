// The fact-check archive in the service (issue 20): its entries listed and imported, and "has this
// been checked before?" for a text or a document, against the archive and the workspace's claims
// with a verdict. Importing, and attaching a span to what it matched, are undoable changes through
// the change log. Matching runs in a worker thread (main/archive/matching-thread.ts): the matcher
// is loaded and built there when first asked (not as the workspace opens: see matching-thread.ts), and again
// only after the archive or the claims changed; a document is matched there with progress events,
// cancellable as a job, while the service answers other calls.
import { randomUUID } from 'node:crypto';
import { mergeArchive } from '../../core/archive/archive-merge.ts';
import { claimFromEntry } from '../../core/archive/claim-from-entry.ts';
import type { ArchiveEntry } from '../../core/archive/entry.ts';
import type { ArchiveFileOutcome, ArchivePage, MatchProgress } from '../../core/contract/archive-api.ts';
import type { ArchiveQuery, WorkbenchApi } from '../../core/contract/workbench-api.ts';
import { recorder } from '../../core/evidence/edits.ts';
import * as operations from '../../core/evidence/evidence-operations.ts';
import { quoted } from '../../core/history/edit-labels.ts';
import type { AnnotationEdit } from '../../core/history/history.ts';
import { Claim, type AnnotationRef } from '../../core/model/evidence.ts';
import { fail, ok } from '../../core/result.ts';
import { MatchingThread } from '../archive/matching-thread.ts';
import { ARCHIVE_FORMAT_NAMES, readArchiveFile } from '../archive/read-archive-file.ts';
import type { UploadStaging } from '../import/upload-staging.ts';
import { withHeld } from '../store/document-holds.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { Emitter } from '../../core/events.ts';
import type { ChangeLog } from './change-log.ts';
import { annotateSpan } from './evidence-methods.ts';
import { annotationFinder } from './evidence-views.ts';
import type { Jobs } from './jobs.ts';
import { authorName } from './author.ts';

type ArchiveMethods = Pick<
  WorkbenchApi,
  'queryArchive' | 'importArchive' | 'matchText' | 'matchDocument' | 'cancelMatch' | 'attachMatch' | 'claimFromArchive'
> & {
  /** Terminates the matching thread; documents being matched are answered `cancelled`. */
  disposeMatching(): Promise<void>;
};

export interface ArchiveMethodsContext {
  readonly store: WorkspaceStore;
  readonly changes: ChangeLog;
  readonly uploads: UploadStaging;
  readonly jobs: Jobs;
  readonly progress: Emitter<MatchProgress>;
}

export function archiveMethods({ store, changes, uploads, jobs, progress }: ArchiveMethodsContext): ArchiveMethods {
  const matching = new MatchingThread(() => ({
    archive: store.archive,
    claims: store.evidence.claims,
    scale: store.workspace.settings.verdictScale,
  }));

  return {
    async queryArchive(request) {
      return archivePage(store.archive, request);
    },

    importArchive(files) {
      return changes.exclusive(async () => {
        const before = store.archive;
        let entries = before;
        const outcomes: ArchiveFileOutcome[] = [];
        for (const { uploadId, name } of files) {
          const staged = uploads.takeFile(uploadId);
          if (staged === undefined) {
            outcomes.push({
              name,
              status: 'refused',
              message: 'the upload is gone (it was used, or the host restarted): choose the file again',
            });
            continue;
          }
          try {
            const read = await readArchiveFile(staged.file, name);
            if (!read.ok) {
              outcomes.push({ name, status: 'refused', message: read.error.message });
              continue;
            }
            const merged = mergeArchive(entries, read.value.entries);
            entries = merged.entries;
            const format = ARCHIVE_FORMAT_NAMES[read.value.format];
            outcomes.push({ name, status: 'imported', format, added: merged.added, updated: merged.updated, unchanged: merged.unchanged });
          } finally {
            await staged.release();
          }
        }
        if (entries === before) return ok(outcomes);
        const imported = outcomes.filter((outcome) => outcome.status === 'imported').map((outcome) => outcome.name);
        const written = await changes.commit({
          label: `Import fact-checks from ${imported.length === 1 ? quoted(imported[0]!) : `${imported.length} files`}`,
          annotations: [],
          archive: { before, after: entries },
        });
        return written.ok ? ok(outcomes) : fail('write-failed', written.error.message);
      });
    },

    disposeMatching: () => matching.dispose(),

    async matchText(text, top = 5) {
      return text.trim() === '' ? [] : matching.match(text, top);
    },

    matchDocument(documentId, jobId) {
      return withHeld(store, [documentId], async () => {
        const file = store.document(documentId);
        if (file === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
        const run = matching.matchDocument(file.text, (done, total) =>
          progress.fire({ documentId, ...(jobId === undefined ? {} : { jobId }), done, total }),
        );
        if (jobId !== undefined) jobs.start(jobId, run.cancel);
        try {
          const sentences = await run.done;
          return sentences === undefined ? fail('cancelled', 'Matching the document was stopped.') : ok(sentences);
        } finally {
          if (jobId !== undefined) jobs.finish(jobId);
        }
      });
    },

    async cancelMatch(jobId) {
      jobs.cancel(jobId);
    },

    attachMatch({ to, mention }) {
      return changes.exclusive(
        async () => {
          const now = new Date().toISOString();
          const made: AnnotationEdit[] = [];
          const ref = 'start' in mention ? annotateSpan(store, mention, made, now) : ok<AnnotationRef>(mention);
          if (!ref.ok) return ref;
          if (made.length === 0 && annotationFinder(store)(ref.value) === undefined)
            return fail('not-found', `There is no annotation "${ref.value.annotationId}" in that document.`);
          const created = made[0]?.after;
          const exists = (candidate: AnnotationRef) =>
            (candidate.documentId === ref.value.documentId && candidate.annotationId === ref.value.annotationId) ||
            annotationFinder(store)(candidate) !== undefined;

          if ('claimId' in to) {
            const claim = store.evidence.claims.find((candidate) => candidate.id === to.claimId);
            if (claim === undefined) return fail('not-found', 'That claim is no longer in the workspace.');
            const added = operations.addMentions(store.evidence, to.claimId, [ref.value], { now, exists });
            if (!added.ok) return added;
            const written = await changes.commit({
              label: `Add to claim ${quoted(claim.statement)}`,
              annotations: made,
              evidence: added.value.edits,
            });
            return written.ok ? ok({ claim: added.value.claim, ...(created ? { created } : {}) }) : written;
          }

          const entry = store.archive.find((candidate) => candidate.id === to.archiveId);
          if (entry === undefined) return fail('not-found', 'That fact-check is no longer in the archive.');
          const { settings } = store.workspace;
          const fields = claimFromEntry(entry, settings.verdictScale, now.slice(0, 10), authorName(settings));
          const fromEntry = operations.createClaim(
            store.evidence,
            { statement: fields.statement, mentions: [ref.value] },
            { id: randomUUID(), creator: authorName(settings), now, exists },
          );
          if (!fromEntry.ok) return fromEntry;
          const claim: Claim = {
            ...fromEntry.value.claim,
            ...(fields.verdict ? { verdict: fields.verdict, status: 'reviewed' as const } : {}),
            ...(fields.reviewUrl ? { reviewUrl: fields.reviewUrl } : {}),
          };
          const draft = recorder(store.evidence);
          draft.claim(claim.id, claim);
          const written = await changes.commit({
            label: `Claim from fact-check ${quoted(fields.statement)}`,
            annotations: made,
            evidence: draft.edits,
          });
          if (!written.ok) return written;
          return ok({
            claim,
            ...(created ? { created } : {}),
            ...(fields.unmatchedRating !== undefined ? { unmatchedRating: fields.unmatchedRating } : {}),
          });
        },
        { documents: [mention.documentId] },
      );
    },

    claimFromArchive(archiveId) {
      return changes.exclusive(async () => {
        const entry = store.archive.find((candidate) => candidate.id === archiveId);
        if (entry === undefined) return fail('not-found', 'That fact-check is no longer in the archive.');
        const now = new Date().toISOString();
        const { settings } = store.workspace;
        const fields = claimFromEntry(entry, settings.verdictScale, now.slice(0, 10), authorName(settings));
        const unmatched = fields.unmatchedRating !== undefined ? { unmatchedRating: fields.unmatchedRating } : {};
        const existing = store.evidence.claims.find(
          (claim) => claim.statement === fields.statement && claim.reviewUrl === fields.reviewUrl,
        );
        if (existing !== undefined) return ok({ claim: existing, existing: true as const, ...unmatched });
        // A claim with no mention yet, as one whose mentions were all removed: the analyst adds them
        // from the reader (the Matches tab offers this claim for every sentence that says the same).
        const parsed = Claim.safeParse({
          id: randomUUID(),
          statement: fields.statement,
          mentions: [],
          creator: authorName(settings),
          created: now,
          modified: now,
          ...(fields.verdict ? { verdict: fields.verdict, status: 'reviewed' } : {}),
          ...(fields.reviewUrl ? { reviewUrl: fields.reviewUrl } : {}),
        });
        if (!parsed.success) return fail('invalid', `That fact-check cannot be a claim: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
        const draft = recorder(store.evidence);
        draft.claim(parsed.data.id, parsed.data);
        const written = await changes.commit({
          label: `Claim from fact-check ${quoted(fields.statement)}`,
          annotations: [],
          evidence: draft.edits,
        });
        return written.ok ? ok({ claim: parsed.data, ...unmatched }) : written;
      });
    },
  };
}

const SORT_FIELDS = { claim: 'claim', rating: 'rating', publisher: 'publisher', date: 'date' } as const;

/**
 * The entries of `archive` with every word of the query (in claim, title, rating, publisher or
 * id, ignoring case and accents), sorted by the field asked (entries without it last), one page.
 * @example archivePage(store.archive, { query: 'reservoir', sort: 'date', descending: true, limit: 50 })
 */
export function archivePage(archive: readonly ArchiveEntry[], request: ArchiveQuery): ArchivePage {
  const { query = '', sort = 'order', descending = false, offset = 0, limit = 200 } = request;
  const words = fold(query).split(/\s+/).filter(Boolean);
  let found =
    words.length === 0
      ? [...archive]
      : archive.filter((entry) => {
          const haystack = fold([entry.claim, entry.title, entry.rating, entry.publisher, entry.id].filter(Boolean).join('\n'));
          return words.every((word) => haystack.includes(word));
        });
  if (sort !== 'order') {
    const field = SORT_FIELDS[sort];
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    found = found
      .map((entry, index) => ({ entry, index }))
      .sort((a, b) => {
        const x = a.entry[field];
        const y = b.entry[field];
        if (x === undefined || y === undefined) return x === y ? a.index - b.index : x === undefined ? 1 : -1;
        return (descending ? collator.compare(y, x) : collator.compare(x, y)) || a.index - b.index;
      })
      .map(({ entry }) => entry);
  } else if (descending) found.reverse();
  return { total: found.length, size: archive.length, entries: found.slice(offset, offset + limit) };
}

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
