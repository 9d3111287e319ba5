// Merging a bundle into a workspace. Documents are matched by the hash of their text (the same
// text is the same document, whatever its id or title in either workspace); annotations by id
// within a matched document, links and claims by id. What is new is added and what is identical
// is skipped; the same id with different content is a conflict, which the analyst settles one by
// one: keep mine, take theirs, or keep both (theirs under a new id). Nothing is ever overwritten
// without that choice. The codebook, statuses and verdict scale gain what the bundle has and the
// workspace lacks; a tag or status the workspace already has keeps the workspace's definition.
//
// `planMerge` finds the conflicts without changing anything; `resolveMerge` turns the plan and the
// analyst's choices into the new state, which the service writes as one undoable change.
import { tagMatcherById } from '../codebook/tag-matching.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Codebook, Tag } from '../model/codebook.ts';
import { linkKey, refKey, type AnnotationRef, type Claim, type EvidenceData, type EvidenceLink, type VerdictRating } from '../model/evidence.ts';
import type { DocumentFile } from '../model/stored-files.ts';
import type { VerificationStatus } from '../model/workspace.ts';
import { fail, ok, type Result } from '../result.ts';
import type { BundleContent } from './read-bundle-content.ts';

/** The workspace a bundle is merged into. */
export interface MergeTarget {
  readonly documents: readonly DocumentFile[];
  readonly evidence: EvidenceData;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  readonly verdictScale: readonly VerdictRating[];
}

export type Resolution = 'mine' | 'theirs' | 'both';
export const RESOLUTIONS: readonly Resolution[] = ['mine', 'theirs', 'both'];

export type MergeConflict =
  | (ConflictBase & { readonly kind: 'annotation'; readonly mine: Annotation; readonly theirs: Annotation })
  | (ConflictBase & { readonly kind: 'link'; readonly mine: EvidenceLink; readonly theirs: EvidenceLink })
  | (ConflictBase & { readonly kind: 'claim'; readonly mine: Claim; readonly theirs: Claim });

interface ConflictBase {
  /** Names the conflict in a resolution map: `<kind>:<document id in this workspace or "">:<id>`. */
  readonly key: string;
  readonly id: string;
  /** The document in this workspace (annotations only). */
  readonly documentId?: string;
  /** What differs, in words: "tags", "note", "span" … */
  readonly differences: readonly string[];
  /** The choices that can be made: keeping both links with the same ends and relation cannot. */
  readonly options: readonly Resolution[];
}

export interface DocumentMatch {
  readonly incomingId: string;
  /** The document's id in this workspace: the matched one's, or the id it will be added under. */
  readonly localId: string;
  readonly title: string;
  readonly state: 'new' | 'matched';
}

export interface Counts {
  readonly added: number;
  readonly skipped: number;
  readonly conflicts: number;
}

export interface MergePlan {
  readonly documents: readonly DocumentMatch[];
  readonly annotations: Counts;
  readonly links: Counts;
  readonly claims: Counts;
  /** Tags the bundle's codebook has and the workspace lacks: they are added. */
  readonly tagsAdded: readonly string[];
  /** Tags both define differently: the workspace's definition stays. */
  readonly tagsKept: readonly string[];
  readonly conflicts: readonly MergeConflict[];
  /** The incoming data with every reference in this workspace's document ids. */
  readonly incoming: BundleContent;
}

/** What the merge writes, and what it did. */
export interface MergeResult {
  /** Documents to put whole (new ones, and matched ones whose annotations changed), with what was there before. */
  readonly documents: readonly { readonly before: DocumentFile | undefined; readonly after: DocumentFile }[];
  readonly evidence: EvidenceData;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  readonly verdictScale: readonly VerdictRating[];
  readonly summary: MergeSummary;
}

export interface MergeSummary {
  readonly documents: { readonly added: number; readonly matched: number };
  readonly annotations: { readonly added: number; readonly skipped: number; readonly replaced: number; readonly kept: number; readonly duplicated: number };
  readonly links: { readonly added: number; readonly skipped: number; readonly replaced: number; readonly kept: number; readonly duplicated: number };
  readonly claims: { readonly added: number; readonly skipped: number; readonly replaced: number; readonly kept: number; readonly duplicated: number };
  readonly tagsAdded: number;
  readonly statusesAdded: number;
  readonly ratingsAdded: number;
}

/**
 * Matches `incoming` against `target` and lists the conflicts; changes nothing. `newId` makes ids
 * for incoming documents whose id this workspace already uses for another text.
 * @example const plan = planMerge(workspace, content, () => crypto.randomUUID()); plan.conflicts.length
 */
export function planMerge(target: MergeTarget, incoming: BundleContent, newId: () => string): MergePlan {
  const byHash = new Map<string, DocumentFile>();
  for (const file of target.documents) if (!byHash.has(file.meta.textHash)) byHash.set(file.meta.textHash, file);
  const takenIds = new Set(target.documents.map((file) => file.meta.id));
  const documents: DocumentMatch[] = [];
  const localIdOf = new Map<string, string>();
  for (const file of incoming.documents) {
    const match = byHash.get(file.meta.textHash);
    let localId = match?.meta.id ?? file.meta.id;
    if (match === undefined) {
      while (takenIds.has(localId)) localId = newId();
      takenIds.add(localId);
    }
    localIdOf.set(file.meta.id, localId);
    documents.push({ incomingId: file.meta.id, localId, title: match?.meta.title ?? file.meta.title, state: match ? 'matched' : 'new' });
  }
  const mapRef = (ref: AnnotationRef): AnnotationRef => ({ documentId: localIdOf.get(ref.documentId) ?? ref.documentId, annotationId: ref.annotationId });
  const mapped: BundleContent = {
    ...incoming,
    documents: incoming.documents.map((file) => ({ ...file, meta: { ...file.meta, id: localIdOf.get(file.meta.id)! } })),
    evidence: {
      links: incoming.evidence.links.map((link) => ({ ...link, from: mapRef(link.from), to: mapRef(link.to) })),
      claims: incoming.evidence.claims.map((claim) => ({ ...claim, mentions: claim.mentions.map(mapRef) })),
    },
  };

  const conflicts: MergeConflict[] = [];
  const annotations = { added: 0, skipped: 0, conflicts: 0 };
  const localDocs = new Map(target.documents.map((file) => [file.meta.id, file]));
  for (const file of mapped.documents) {
    const local = localDocs.get(file.meta.id);
    if (local === undefined || local.meta.textHash !== file.meta.textHash) {
      annotations.added += file.annotations.length;
      continue;
    }
    const mine = new Map(local.annotations.map((annotation) => [annotation.id, annotation]));
    for (const theirs of file.annotations) {
      const own = mine.get(theirs.id);
      if (own === undefined) annotations.added++;
      else {
        const differences = annotationDifferences(own, theirs, local.meta.textHash);
        if (differences.length === 0) annotations.skipped++;
        else {
          annotations.conflicts++;
          conflicts.push({ kind: 'annotation', key: `annotation:${file.meta.id}:${theirs.id}`, id: theirs.id, documentId: file.meta.id, differences, options: RESOLUTIONS, mine: own, theirs });
        }
      }
    }
  }

  const links = { added: 0, skipped: 0, conflicts: 0 };
  const myLinks = new Map(target.evidence.links.map((link) => [link.id, link]));
  const myLinkKeys = new Set(target.evidence.links.map(linkKey));
  for (const theirs of mapped.evidence.links) {
    const own = myLinks.get(theirs.id);
    if (own === undefined) {
      if (myLinkKeys.has(linkKey(theirs))) links.skipped++;
      else links.added++;
      continue;
    }
    const differences = linkDifferences(own, theirs);
    if (differences.length === 0) links.skipped++;
    else {
      links.conflicts++;
      const options: Resolution[] = myLinkKeys.has(linkKey(theirs)) && linkKey(theirs) !== linkKey(own) ? ['mine'] : linkKey(theirs) === linkKey(own) ? ['mine', 'theirs'] : RESOLUTIONS.slice();
      conflicts.push({ kind: 'link', key: `link::${theirs.id}`, id: theirs.id, differences, options, mine: own, theirs });
    }
  }

  const claims = { added: 0, skipped: 0, conflicts: 0 };
  const myClaims = new Map(target.evidence.claims.map((claim) => [claim.id, claim]));
  for (const theirs of mapped.evidence.claims) {
    const own = myClaims.get(theirs.id);
    if (own === undefined) claims.added++;
    else {
      const differences = claimDifferences(own, theirs);
      if (differences.length === 0) claims.skipped++;
      else {
        claims.conflicts++;
        conflicts.push({ kind: 'claim', key: `claim::${theirs.id}`, id: theirs.id, differences, options: RESOLUTIONS, mine: own, theirs });
      }
    }
  }

  // A bundle's tag is one of mine when it has the same id (core/codebook/tag-matching.ts).
  const mineOf = tagMatcherById(target.codebook.tags);
  const tagsAdded: string[] = [];
  const tagsKept: string[] = [];
  for (const tag of incoming.codebook.tags) {
    const own = mineOf(tag);
    if (own === undefined) tagsAdded.push(tag.id);
    else if (own.name !== tag.name || own.color !== tag.color || own.parentId !== tag.parentId || own.description !== tag.description) tagsKept.push(tag.id);
  }

  return { documents, annotations, links, claims, tagsAdded, tagsKept, conflicts, incoming: mapped };
}

/**
 * The merged state: `plan` with a resolution for each of its conflicts (`mine` for any without
 * one is refused: every conflict needs the analyst's choice, or an explicit default).
 * @example resolveMerge(workspace, plan, new Map(plan.conflicts.map((c) => [c.key, 'mine'])), newId)
 */
export function resolveMerge(target: MergeTarget, plan: MergePlan, resolutions: ReadonlyMap<string, Resolution>, newId: () => string): Result<MergeResult, 'invalid'> {
  for (const conflict of plan.conflicts) {
    const choice = resolutions.get(conflict.key);
    if (choice === undefined) return fail('invalid', `Choose what to keep for ${describeConflict(conflict)}.`);
    if (!conflict.options.includes(choice)) return fail('invalid', `"${choice}" is not a choice for ${describeConflict(conflict)}.`);
  }
  const { incoming } = plan;
  const conflictKeys = new Set(plan.conflicts.map((conflict) => conflict.key));
  const choiceOf = (key: string) => (conflictKeys.has(key) ? resolutions.get(key) : undefined);
  const tally = () => ({ added: 0, skipped: 0, replaced: 0, kept: 0, duplicated: 0 });
  const annotationCounts = tally();
  const linkCounts = tally();
  const claimCounts = tally();
  const count = (counts: ReturnType<typeof tally>, choice: Resolution) => {
    if (choice === 'mine') counts.kept++;
    else if (choice === 'theirs') counts.replaced++;
    else counts.duplicated++;
  };

  // Annotations: "keep both" gives theirs a new id, and the bundle's links and mentions follow it.
  const renamed = new Map<string, string>(); // refKey in this workspace → new annotation id
  const localDocs = new Map(target.documents.map((file) => [file.meta.id, file]));
  const written = new Map<string, { before: DocumentFile | undefined; after: DocumentFile }>();
  let documentsAdded = 0;
  for (const file of incoming.documents) {
    const local = written.get(file.meta.id)?.after ?? localDocs.get(file.meta.id);
    if (local === undefined) {
      written.set(file.meta.id, { before: undefined, after: file });
      annotationCounts.added += file.annotations.length;
      documentsAdded++;
      continue;
    }
    const list = [...local.annotations];
    const indexOf = new Map(list.map((annotation, index) => [annotation.id, index]));
    let changed = false;
    for (const theirs of file.annotations) {
      const at = indexOf.get(theirs.id);
      if (at === undefined) {
        indexOf.set(theirs.id, list.push(theirs) - 1);
        annotationCounts.added++;
        changed = true;
        continue;
      }
      const choice = choiceOf(`annotation:${file.meta.id}:${theirs.id}`);
      if (choice === undefined) {
        annotationCounts.skipped++;
        continue;
      }
      count(annotationCounts, choice);
      if (choice === 'theirs') list[at] = theirs;
      if (choice === 'both') {
        const id = freshId(newId, indexOf);
        indexOf.set(id, list.push({ ...theirs, id }) - 1);
        renamed.set(refKey({ documentId: file.meta.id, annotationId: theirs.id }), id);
      }
      changed ||= choice !== 'mine';
    }
    if (changed) written.set(file.meta.id, { before: written.get(file.meta.id)?.before ?? localDocs.get(file.meta.id), after: { ...local, annotations: list } });
  }
  const follow = (ref: AnnotationRef): AnnotationRef => {
    const id = renamed.get(refKey(ref));
    return id === undefined ? ref : { documentId: ref.documentId, annotationId: id };
  };

  const links = [...target.evidence.links];
  const linkIndex = new Map(links.map((link, index) => [link.id, index]));
  const keys = new Set(links.map(linkKey));
  for (const incomingLink of incoming.evidence.links) {
    const theirs = { ...incomingLink, from: follow(incomingLink.from), to: follow(incomingLink.to) };
    const at = linkIndex.get(theirs.id);
    const choice = choiceOf(`link::${theirs.id}`);
    if (at === undefined) {
      if (keys.has(linkKey(theirs))) linkCounts.skipped++;
      else {
        linkIndex.set(theirs.id, links.push(theirs) - 1);
        keys.add(linkKey(theirs));
        linkCounts.added++;
      }
      continue;
    }
    if (choice === undefined) {
      linkCounts.skipped++;
      continue;
    }
    count(linkCounts, choice);
    if (choice === 'theirs') {
      keys.delete(linkKey(links[at]!));
      links[at] = theirs;
      keys.add(linkKey(theirs));
    } else if (choice === 'both') {
      const id = freshId(newId, linkIndex);
      linkIndex.set(id, links.push({ ...theirs, id }) - 1);
      keys.add(linkKey(theirs));
    }
  }

  const claims = [...target.evidence.claims];
  const claimIndex = new Map(claims.map((claim, index) => [claim.id, index]));
  for (const incomingClaim of incoming.evidence.claims) {
    const theirs = { ...incomingClaim, mentions: incomingClaim.mentions.map(follow) };
    const at = claimIndex.get(theirs.id);
    if (at === undefined) {
      claimIndex.set(theirs.id, claims.push(theirs) - 1);
      claimCounts.added++;
      continue;
    }
    const choice = choiceOf(`claim::${theirs.id}`);
    if (choice === undefined) {
      claimCounts.skipped++;
      continue;
    }
    count(claimCounts, choice);
    if (choice === 'theirs') claims[at] = theirs;
    else if (choice === 'both') {
      const id = freshId(newId, claimIndex);
      claimIndex.set(id, claims.push({ ...theirs, id }) - 1);
    }
  }

  const codebook = withTags(target.codebook, incoming.codebook, new Set(plan.tagsAdded));
  const knownStatuses = new Set(target.statuses.map((status) => status.id));
  const statuses = [...target.statuses, ...incoming.statuses.filter((status) => !knownStatuses.has(status.id))];
  const knownRatings = new Set(target.verdictScale.map((rating) => rating.id));
  const verdictScale = [...target.verdictScale, ...incoming.verdictScale.filter((rating) => !knownRatings.has(rating.id))];

  return ok({
    documents: [...written.values()],
    evidence: { links, claims },
    codebook,
    statuses,
    verdictScale,
    summary: {
      documents: { added: documentsAdded, matched: plan.documents.filter((match) => match.state === 'matched').length },
      annotations: annotationCounts,
      links: linkCounts,
      claims: claimCounts,
      tagsAdded: codebook.tags.length - target.codebook.tags.length,
      statusesAdded: statuses.length - target.statuses.length,
      ratingsAdded: verdictScale.length - target.verdictScale.length,
    },
  });
}

/**
 * What a merge did, in words, for the app and the CLI alike.
 * @example describeMergeSummary(summary) // "2 new documents, 1 merged; 14 annotations added (3 already here; conflicts: 1 took theirs); …"
 */
export function describeMergeSummary(summary: MergeSummary): string {
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const part = (one: string, counts: MergeSummary['annotations']) => {
    const settled = [
      counts.kept > 0 ? `${counts.kept} kept yours` : '',
      counts.replaced > 0 ? `${counts.replaced} took theirs` : '',
      counts.duplicated > 0 ? `${counts.duplicated} kept both` : '',
    ].filter(Boolean);
    const details = [counts.skipped > 0 ? `${counts.skipped} already here` : '', settled.length > 0 ? `conflicts: ${settled.join(', ')}` : ''].filter(Boolean);
    // A conflict kept both adds their copy too.
    return `${count(counts.added + counts.duplicated, one)} added${details.length > 0 ? ` (${details.join('; ')})` : ''}`;
  };
  const { documents } = summary;
  const vocabulary = summary.tagsAdded + summary.statusesAdded + summary.ratingsAdded > 0 ? `; ${count(summary.tagsAdded, 'tag')}, ${count(summary.statusesAdded, 'status', 'statuses')} and ${count(summary.ratingsAdded, 'verdict rating')} added` : '';
  return `${count(documents.added, 'new document')}${documents.matched > 0 ? `, ${documents.matched} merged` : ''}; ${part('annotation', summary.annotations)}; ${part('evidence link', summary.links)}; ${part('claim record', summary.claims)}${vocabulary}`;
}

/** "annotation 3f2a… in document d1", for messages. */
export function describeConflict(conflict: MergeConflict): string {
  return conflict.kind === 'annotation' ? `annotation ${conflict.id} of document ${conflict.documentId}` : `${conflict.kind} ${conflict.id}`;
}

/**
 * The fields in which two versions of one annotation differ, ignoring when it was last modified
 * and what the W3C file cannot tell apart (see core/bundle/read-bundle-content.ts): the context around
 * a placed span, and a placed annotation's missing text hash (its document's).
 */
export function annotationDifferences(mine: Annotation, theirs: Annotation, textHash: string): string[] {
  const placed = (annotation: Annotation) => annotation.anchor.state !== 'orphaned';
  const span = (annotation: Annotation) =>
    placed(annotation) ? [annotation.target.start, annotation.target.end, annotation.target.exact] : [annotation.target];
  const anchor = (annotation: Annotation) => ({ ...annotation.anchor, textHash: annotation.anchor.textHash ?? (placed(annotation) ? textHash : undefined) });
  return differing([
    ['span', span(mine), span(theirs)],
    ['anchoring', anchor(mine), anchor(theirs)],
    ['tags', mine.tags, theirs.tags],
    ['status', mine.status, theirs.status],
    ['note', mine.note, theirs.note],
    ['speaker', mine.speaker, theirs.speaker],
    ['outlet', mine.outlet, theirs.outlet],
    ['creator', mine.creator, theirs.creator],
    ['created', mine.created, theirs.created],
  ]);
}

function linkDifferences(mine: EvidenceLink, theirs: EvidenceLink): string[] {
  return differing([
    ['relation', mine.relation, theirs.relation],
    ['ends', [mine.from, mine.to], [theirs.from, theirs.to]],
    ['note', mine.note, theirs.note],
    ['creator', mine.creator, theirs.creator],
    ['created', mine.created, theirs.created],
  ]);
}

function claimDifferences(mine: Claim, theirs: Claim): string[] {
  return differing([
    ['statement', mine.statement, theirs.statement],
    ['mentions', mine.mentions.map(refKey).sort(), theirs.mentions.map(refKey).sort()],
    ['verdict', mine.verdict, theirs.verdict],
    ['status', mine.status, theirs.status],
    ['creator', mine.creator, theirs.creator],
    ['created', mine.created, theirs.created],
  ]);
}

function differing(fields: readonly (readonly [string, unknown, unknown])[]): string[] {
  return fields.filter(([, a, b]) => canonical(a) !== canonical(b)).map(([name]) => name);
}

/** JSON with object keys sorted and undefined members dropped: equal values, equal strings. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    member !== null && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).filter(([, inner]) => inner !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  );
}

function freshId(newId: () => string, taken: ReadonlyMap<string, number>): string {
  let id = newId();
  while (taken.has(id)) id = newId();
  return id;
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
  return { tags };
}
