// The reading half of the evidence service: a document's links with both quotes, the claims view,
// a claim's timeline, and what deleting annotations would take with it. Nothing here writes.
import type { LinkView, WorkbenchApi } from '../../core/contract/workbench-api.ts';
import { earlierQuote } from '../../core/annotations/review.ts';
import { claimRows, mentionInfo, timelineOf, type MentionLookup } from '../../core/evidence/claims-view.ts';
import { dependentsOf, linksOf } from '../../core/evidence/references.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { refKey, type AnnotationRef } from '../../core/model/evidence.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { fail, ok } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';

type EvidenceViews = Pick<WorkbenchApi, 'getEvidence' | 'getLinks' | 'listClaims' | 'getClaim' | 'getDependents'>;

/** What a link's other end shows when its document is gone (evidence.json edited by hand). */
const MISSING_DOCUMENT_TITLE = '(document not found)';

export function evidenceViews(store: WorkspaceStore): EvidenceViews {
  return {
    async getEvidence() {
      return store.evidence;
    },

    async getLinks(documentId) {
      if (store.head(documentId) === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
      // Both ends of every link touching the document, read by reference: no document is held.
      const { evidence } = store;
      const touching = evidence.links.filter((link) => link.from.documentId === documentId || link.to.documentId === documentId);
      const found = await store.readAnnotations(touching.flatMap((link) => [link.from, link.to]));
      const find = (ref: AnnotationRef) => found.get(refKey(ref));
      const ends = linksOf(evidence, documentId, (ref) => find(ref)?.annotation.target.start);
      return ok(
        ends.map(({ link, local, here, there }): LinkView => {
          // Every write keeps links on existing annotations; a missing local end (a hand-edited
          // file) is still listed, last, so the analyst can delete it.
          const mine = find(here)?.annotation;
          const other = find(there);
          const title = store.head(there.documentId)?.title ?? MISSING_DOCUMENT_TITLE;
          const quote = other !== undefined && other.annotation.anchor.state !== 'orphaned' ? { quote: other.annotation.target.exact } : {};
          const mineWas = mine && earlierQuote(mine);
          const otherWas = other && earlierQuote(other.annotation);
          return {
            link,
            local,
            here: {
              ...here,
              quote: mine?.target.exact ?? '',
              start: mine?.target.start ?? -1,
              ...(mineWas === undefined ? {} : { was: mineWas }),
            },
            there: { ...there, title, ...quote, ...(otherWas === undefined ? {} : { was: otherWas }) },
          };
        }),
      );
    },

    async listClaims() {
      const { evidence } = store;
      return claimRows(
        evidence,
        await mentionLookup(
          store,
          evidence.claims.flatMap((claim) => claim.mentions),
        ),
      );
    },

    async getClaim(claimId) {
      const claim = store.evidence.claims.find((candidate) => candidate.id === claimId);
      if (claim === undefined) return fail('not-found', 'That claim is no longer in the workspace.');
      return ok({ claim, appearances: timelineOf(claim, await mentionLookup(store, claim.mentions)) });
    },

    async getDependents(target) {
      return dependentsOf(store.evidence, target);
    },
  };
}

/**
 * Finds annotations anywhere in the workspace. Each document's annotations are indexed the first
 * time it is asked about, so one finder serves a whole call (thousands of refs) cheaply; make a
 * new one per call, as the documents change between calls.
 */
export function annotationFinder(
  store: WorkspaceStore,
): (ref: AnnotationRef) => { document: DocumentFile; annotation: Annotation } | undefined {
  const indexes = new Map<string, { document: DocumentFile; byId: Map<string, Annotation> } | undefined>();
  return ({ documentId, annotationId }) => {
    if (!indexes.has(documentId)) {
      const document = store.document(documentId);
      indexes.set(
        documentId,
        document && { document, byId: new Map(document.annotations.map((annotation) => [annotation.id, annotation])) },
      );
    }
    const index = indexes.get(documentId);
    const annotation = index?.byId.get(annotationId);
    return index && annotation ? { document: index.document, annotation } : undefined;
  };
}

/**
 * What the claims view needs of each of `mentions`, read by reference (readAnnotations): the
 * mentions' documents are not held. `mentionInfo` takes the first version's import time from the
 * document's versions, so the one the store read is passed as that list's first.
 */
async function mentionLookup(store: WorkspaceStore, mentions: readonly AnnotationRef[]): Promise<MentionLookup> {
  const found = await store.readAnnotations(mentions);
  return (ref) => {
    const one = found.get(refKey(ref));
    return one && mentionInfo({ meta: one.meta, versions: [{ importedAt: one.firstImportedAt }] }, one.annotation);
  };
}
