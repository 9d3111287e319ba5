// The evidence half of the workbench service: links between annotations (in one document or two)
// and claims that gather annotations, with their verdicts. Each change is one undo step through
// the change log; a link drawn from spans not yet annotated makes their annotations in that step.
import { randomUUID } from 'node:crypto';
import type { AnnotationEdit } from '../../core/history/history.ts';
import { newAnnotation, vocabularyOf } from '../../core/annotations/annotation-operations.ts';
import type { LinkEndInput, WorkbenchApi } from '../../core/contract/workbench-api.ts';
import type { EvidenceEdit } from '../../core/evidence/edits.ts';
import * as operations from '../../core/evidence/evidence-operations.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { LINK_RELATIONS, refKey, type AnnotationRef, type Claim } from '../../core/model/evidence.ts';
import { isStale, versionOf } from '../../core/model/record-version.ts';
import { conflict, fail, ok, type Result } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { ChangeLog } from './change-log.ts';
import { quoted } from '../../core/history/edit-labels.ts';
import { annotationFinder, evidenceViews } from './evidence-views.ts';
import { authorName } from './author.ts';

type EvidenceMethods = Pick<
  WorkbenchApi,
  | 'getEvidence'
  | 'getLinks'
  | 'createLink'
  | 'updateLink'
  | 'deleteLink'
  | 'createClaim'
  | 'updateClaim'
  | 'addMentions'
  | 'removeMentions'
  | 'deleteClaim'
  | 'listClaims'
  | 'getClaim'
  | 'getDependents'
>;

/**
 * A new untagged annotation on a span of `store`'s document, for a link end or a claim mention the
 * analyst selected but had not marked; recorded in `made` for the change that makes it.
 */
export function annotateSpan(
  store: WorkspaceStore,
  end: Extract<LinkEndInput, { start: number }>,
  made: AnnotationEdit[],
  now: string,
): Result<AnnotationRef, 'not-found' | 'invalid'> {
  const file = store.document(end.documentId);
  if (file === undefined) return fail('not-found', `There is no document "${end.documentId}" in this workspace.`);
  const id = end.annotationId ?? randomUUID();
  const taken =
    file.annotations.some((annotation) => annotation.id === id) ||
    made.some((edit) => edit.documentId === end.documentId && edit.annotationId === id);
  if (taken) return fail('invalid', `The document already has an annotation "${id}".`);
  const context = { id, creator: authorName(store.workspace.settings), now, vocabulary: vocabularyOf(store.workspace) };
  const created = newAnnotation(file.text, { start: end.start, end: end.end, tags: [] }, context);
  if (!created.ok) return created;
  made.push({ documentId: end.documentId, annotationId: id, before: undefined, after: created.value });
  return ok({ documentId: end.documentId, annotationId: id });
}

export function evidenceMethods(store: WorkspaceStore, changes: ChangeLog): EvidenceMethods {
  /** Whether an annotation exists now, or is among `made` (annotations this change creates). */
  const existence = (made: readonly AnnotationEdit[] = []) => {
    const find = annotationFinder(store);
    const pending = new Set(made.map(refKey));
    return (ref: AnnotationRef) => pending.has(refKey(ref)) || find(ref) !== undefined;
  };

  /** Records `edits` (and `annotations`) as one step; a change that changes nothing is no step. */
  const commit = async <T>(label: string, edits: readonly EvidenceEdit[], value: T, annotations: readonly AnnotationEdit[] = []) => {
    if (edits.length === 0 && annotations.length === 0) return ok(value);
    const written = await changes.commit({ label, annotations, evidence: edits });
    return written.ok ? ok(value) : written;
  };

  const claimNamed = (claimId: string) => store.evidence.claims.find((claim) => claim.id === claimId);
  const linkNamed = (linkId: string) => store.evidence.links.find((link) => link.id === linkId);

  /**
   * `commit` of a change to `claim`, answering with the claim as written, with its new version.
   * Evidence changes are never pipelined: the store holds it when the commit resolves.
   */
  const commitClaim = async (label: string, edits: readonly EvidenceEdit[], claim: Claim) => {
    const written = await commit(label, edits, claim);
    return written.ok ? ok(claimNamed(claim.id) ?? claim) : written;
  };

  return {
    ...evidenceViews(store),

    createLink(input) {
      return changes.exclusive(
        async () => {
          const now = new Date().toISOString();
          const made: AnnotationEdit[] = [];
          const ends: AnnotationRef[] = [];
          for (const end of [input.from, input.to]) {
            const ref =
              'start' in end ? annotateSpan(store, end, made, now) : ok({ documentId: end.documentId, annotationId: end.annotationId });
            if (!ref.ok) return ref;
            ends.push(ref.value);
          }
          const [from, to] = ends as [AnnotationRef, AnnotationRef];
          const context = { id: randomUUID(), creator: authorName(store.workspace.settings), now, exists: existence(made) };
          const linked = operations.createLink(
            store.evidence,
            { id: input.id, relation: input.relation, from, to, note: input.note },
            context,
          );
          if (!linked.ok) return linked;
          const { link, sameClaim, edits } = linked.value;
          const created = made.flatMap((edit): Annotation[] => (edit.after ? [edit.after] : []));
          const written = await commit(`Link: ${relationName(link.relation)}`, edits, { link, created, sameClaim }, made);
          // The link as written, with its version.
          return written.ok ? ok({ ...written.value, link: linkNamed(link.id) ?? link }) : written;
        },
        { documents: [input.from.documentId, input.to.documentId] },
      );
    },

    updateLink(linkId, patch) {
      return changes.exclusive(async () => {
        const current = linkNamed(linkId);
        if (current !== undefined && isStale(current, patch.baseVersion))
          return conflict(
            current,
            `Someone else changed this link after you opened it (version ${patch.baseVersion} then, ${versionOf(current)} now).`,
          );
        const updated = operations.updateLink(store.evidence, linkId, patch, { now: new Date().toISOString() });
        if (!updated.ok) return updated;
        const relation = updated.value.link.relation;
        const label = current?.relation === relation ? 'Edit link note' : `Change link to ${relationName(relation)}`;
        const written = await commit(label, updated.value.edits, updated.value.link);
        return written.ok ? ok(linkNamed(linkId) ?? written.value) : written;
      });
    },

    deleteLink(linkId) {
      return changes.exclusive(async () => {
        const relation = store.evidence.links.find((link) => link.id === linkId)?.relation;
        const deleted = operations.deleteLinks(store.evidence, [linkId]);
        if (!deleted.ok) return fail('not-found', 'That link is no longer in the workspace.');
        return commit(`Delete link: ${relation ? relationName(relation) : linkId}`, deleted.value.edits, true as const);
      });
    },

    createClaim(input) {
      return changes.exclusive(
        async () => {
          const context = {
            id: randomUUID(),
            creator: authorName(store.workspace.settings),
            now: new Date().toISOString(),
            exists: existence(),
          };
          const created = operations.createClaim(store.evidence, input, context);
          if (!created.ok) return created;
          return commitClaim(`Create claim ${quoted(created.value.claim.statement)}`, created.value.edits, created.value.claim);
        },
        { documents: (input.mentions ?? []).map((ref) => ref.documentId) },
      );
    },

    updateClaim(claimId, patch) {
      return changes.exclusive(async () => {
        const before = claimNamed(claimId);
        if (before !== undefined && isStale(before, patch.baseVersion))
          return conflict(
            before,
            `Someone else changed this claim after you opened it (version ${patch.baseVersion} then, ${versionOf(before)} now).`,
          );
        // The analyst reviewing is the reviewer unless the window says otherwise.
        const verdict = patch.verdict
          ? { ...patch.verdict, reviewer: patch.verdict.reviewer ?? authorName(store.workspace.settings) }
          : patch.verdict;
        const context = { now: new Date().toISOString(), scale: store.workspace.settings.verdictScale };
        const updated = operations.updateClaim(
          store.evidence,
          claimId,
          { ...patch, ...(verdict !== undefined ? { verdict } : {}) },
          context,
        );
        if (!updated.ok) return updated;
        return commitClaim(claimEditLabel(before, updated.value.claim), updated.value.edits, updated.value.claim);
      });
    },

    addMentions(claimId, refs) {
      return changes.exclusive(
        async () => {
          const now = new Date().toISOString();
          const added = operations.addMentions(store.evidence, claimId, refs, { now, exists: existence() });
          if (!added.ok) return added;
          const { claim, edits } = added.value;
          return commitClaim(`Add ${annotations(added.value.added.length)} to ${quoted(claim.statement)}`, edits, claim);
        },
        { documents: refs.map((ref) => ref.documentId) },
      );
    },

    removeMentions(claimId, refs) {
      return changes.exclusive(async () => {
        const removed = operations.removeMentions(store.evidence, claimId, refs, { now: new Date().toISOString() });
        if (!removed.ok) return removed;
        const { claim, edits } = removed.value;
        return commitClaim(`Remove ${annotations(removed.value.removed.length)} from ${quoted(claim.statement)}`, edits, claim);
      });
    },

    deleteClaim(claimId) {
      return changes.exclusive(async () => {
        const statement = claimNamed(claimId)?.statement ?? claimId;
        const deleted = operations.deleteClaim(store.evidence, claimId);
        if (!deleted.ok) return fail('not-found', 'That claim is no longer in the workspace.');
        return commit(`Delete claim ${quoted(statement)}`, deleted.value.edits, true as const);
      });
    },
  };
}

/** "Source of" → "source of", for labels like "Link: source of". */
function relationName(relation: string): string {
  return (LINK_RELATIONS.find((info) => info.id === relation)?.label ?? relation).toLowerCase();
}

function annotations(count: number): string {
  return count === 1 ? 'annotation' : `${count} annotations`;
}

/** What an edit of a claim did, in the words of the Edit menu. */
function claimEditLabel(before: Claim | undefined, after: Claim): string {
  const name = quoted(after.statement);
  const verdictChanged = JSON.stringify(before?.verdict) !== JSON.stringify(after.verdict);
  const statusChanged = before?.status !== after.status;
  if (before?.statement !== after.statement || (verdictChanged && statusChanged)) return `Edit claim ${name}`;
  if (statusChanged) return `Set status of ${name}`;
  return after.verdict === undefined ? `Remove verdict of ${name}` : `Set verdict of ${name}`;
}
