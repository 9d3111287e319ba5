// Applying a bundle merge: the plan (./merge-plan.ts) and the analyst's choice for each of its
// conflicts become the new state, which the service writes as one undoable change. Each kind of
// record is merged by ./merge-by-id.ts; "keep both" gives their annotation a new id, and the
// bundle's links and mentions follow it. The codebook, statuses, verdict scale and saved searches
// gain what the bundle has and the workspace lacks.
import type { Codebook, Tag } from '../model/codebook.ts';
import { joinSpeakers, sameSpeakers } from '../codebook/speakers.ts';
import { linkKey, refKey, type AnnotationRef } from '../model/evidence.ts';
import type { DocumentFile } from '../model/stored-files.ts';
import { fail, ok, type Result } from '../result.ts';
import { mergeSavedSearches } from '../search/saved-search.ts';
import { describeConflict } from './describe-merge.ts';
import { mergeById } from './merge-by-id.ts';
import { conflictKey, type MergePlan, type MergeResult, type MergeTally, type MergeTarget, type Resolution } from './merge-types.ts';

/**
 * The merged state: `plan` with a resolution for each of its conflicts (`mine` for any without
 * one is refused: every conflict needs the analyst's choice, or an explicit default).
 * @example resolveMerge(workspace, plan, new Map(plan.conflicts.map((c) => [c.key, 'mine'])), newId)
 */
export function resolveMerge(
  target: MergeTarget,
  plan: MergePlan,
  resolutions: ReadonlyMap<string, Resolution>,
  newId: () => string,
): Result<MergeResult, 'invalid'> {
  for (const conflict of plan.conflicts) {
    const choice = resolutions.get(conflict.key);
    if (choice === undefined) return fail('invalid', `Choose what to keep for ${describeConflict(conflict)}.`);
    if (!conflict.options.includes(choice)) return fail('invalid', `"${choice}" is not a choice for ${describeConflict(conflict)}.`);
  }
  const { incoming } = plan;
  const conflictKeys = new Set(plan.conflicts.map((conflict) => conflict.key));
  // Undefined for a record that is no conflict of the plan: the same in both, so skipped.
  const choiceOf = (key: string) => (conflictKeys.has(key) ? resolutions.get(key) : undefined);

  // Annotations: "keep both" gives theirs a new id, and the bundle's links and mentions follow it.
  const renamed = new Map<string, string>(); // refKey in this workspace → new annotation id
  const localDocs = new Map(target.documents.map((file) => [file.meta.id, file]));
  const written = new Map<string, { before: DocumentFile | undefined; after: DocumentFile }>();
  let documentsAdded = 0;
  const annotationCounts = { added: 0, skipped: 0, replaced: 0, kept: 0, duplicated: 0 };
  for (const file of incoming.documents) {
    const local = written.get(file.meta.id)?.after ?? localDocs.get(file.meta.id);
    if (local === undefined) {
      written.set(file.meta.id, { before: undefined, after: file });
      annotationCounts.added += file.annotations.length;
      documentsAdded++;
      continue;
    }
    const merged = mergeById({
      mine: local.annotations,
      theirs: file.annotations,
      newId,
      choiceOf: (_mine, theirs) => choiceOf(conflictKey('annotation', theirs.id, file.meta.id)),
    });
    for (const key of Object.keys(annotationCounts) as (keyof MergeTally)[]) annotationCounts[key] += merged.tally[key];
    for (const [id, copy] of merged.copies) renamed.set(refKey({ documentId: file.meta.id, annotationId: id }), copy);
    const { added, replaced, duplicated } = merged.tally;
    if (added + replaced + duplicated > 0)
      written.set(file.meta.id, {
        before: written.get(file.meta.id)?.before ?? localDocs.get(file.meta.id),
        after: { ...local, annotations: merged.records },
      });
  }
  const follow = (ref: AnnotationRef): AnnotationRef => {
    const id = renamed.get(refKey(ref));
    return id === undefined ? ref : { documentId: ref.documentId, annotationId: id };
  };

  // Links: one with the ends and relation of a link already here is that link (skipped).
  const keys = new Set(target.evidence.links.map(linkKey));
  const links = mergeById({
    mine: target.evidence.links,
    theirs: incoming.evidence.links.map((link) => ({ ...link, from: follow(link.from), to: follow(link.to) })),
    newId,
    isHere: (theirs) => keys.has(linkKey(theirs)),
    choiceOf: (_mine, theirs) => choiceOf(conflictKey('link', theirs.id)),
    onPut: (link, replaced) => {
      if (replaced !== undefined) keys.delete(linkKey(replaced));
      keys.add(linkKey(link));
    },
  });

  const claims = mergeById({
    mine: target.evidence.claims,
    theirs: incoming.evidence.claims.map((claim) => ({ ...claim, mentions: claim.mentions.map(follow) })),
    newId,
    choiceOf: (_mine, theirs) => choiceOf(conflictKey('claim', theirs.id)),
  });

  const tagged = withTags(target.codebook, incoming.codebook, new Set(plan.tagsAdded));
  // The bundle's speakers join ours: spellings we did not know become aliases, new speakers are added.
  const speakers = joinSpeakers(tagged.speakers, incoming.codebook.speakers);
  const codebook = sameSpeakers(speakers, tagged.speakers) ? tagged : { ...tagged, speakers };
  const knownStatuses = new Set(target.statuses.map((status) => status.id));
  const statuses = [...target.statuses, ...incoming.statuses.filter((status) => !knownStatuses.has(status.id))];
  const knownRatings = new Set(target.verdictScale.map((rating) => rating.id));
  const verdictScale = [...target.verdictScale, ...incoming.verdictScale.filter((rating) => !knownRatings.has(rating.id))];
  const mySearches = target.savedSearches ?? [];
  const savedSearches = mergeSavedSearches(mySearches, incoming.savedSearches);

  return ok({
    documents: [...written.values()],
    evidence: { links: links.records, claims: claims.records },
    codebook,
    statuses,
    verdictScale,
    savedSearches,
    summary: {
      documents: { added: documentsAdded, matched: plan.documents.filter((match) => match.state === 'matched').length },
      annotations: annotationCounts,
      links: links.tally,
      claims: claims.tally,
      tagsAdded: codebook.tags.length - target.codebook.tags.length,
      statusesAdded: statuses.length - target.statuses.length,
      ratingsAdded: verdictScale.length - target.verdictScale.length,
      ...(savedSearches.length > mySearches.length ? { savedSearchesAdded: savedSearches.length - mySearches.length } : {}),
    },
  });
}

/**
 * `current` with the tags of `incoming` named in `wanted` added, parents before children (a
 * wanted tag's parent is added too when missing). An added tag drops a shortcut or GUID that a tag
 * of the workspace already has.
 */
function withTags(current: Codebook, incoming: Codebook, wanted: ReadonlySet<string>): Codebook {
  if (wanted.size === 0) return current;
  const tags: Tag[] = [...current.tags];
  const have = new Set(tags.map((tag) => tag.id));
  const shortcuts = new Set(tags.flatMap((tag) => (tag.shortcut === undefined ? [] : [tag.shortcut])));
  const guids = new Set(tags.flatMap((tag) => (tag.guid === undefined ? [] : [tag.guid.toLowerCase()])));
  const byId = new Map(incoming.tags.map((tag) => [tag.id, tag]));
  const add = (id: string) => {
    if (have.has(id)) return;
    const tag = byId.get(id);
    if (tag === undefined) return;
    have.add(id);
    if (tag.parentId !== undefined) add(tag.parentId);
    const { shortcut, guid, ...rest } = tag;
    const keepShortcut = shortcut !== undefined && !shortcuts.has(shortcut);
    const keepGuid = guid !== undefined && !guids.has(guid.toLowerCase());
    if (keepShortcut) shortcuts.add(shortcut);
    if (keepGuid) guids.add(guid.toLowerCase());
    tags.push({ ...rest, ...(keepShortcut ? { shortcut } : {}), ...(keepGuid ? { guid } : {}) });
  };
  for (const tag of incoming.tags) if (wanted.has(tag.id)) add(tag.id);
  return { ...current, tags };
}
