// Planning a bundle merge, without changing anything: which of the bundle's documents this
// workspace has (the same text is the same document), and for annotations, links and claims what
// would be added, what is already here, and which conflicts the analyst must settle
// (./merge-by-id.ts, walked as a dry run). ./merge-resolve.ts then applies the choices.
import { tagMatcherById } from '../codebook/tag-matching.ts';
import { linkKey, type AnnotationRef } from '../model/evidence.ts';
import type { DocumentFile } from '../model/stored-files.ts';
import { mergeById } from './merge-by-id.ts';
import { annotationDifferences, claimDifferences, linkDifferences } from './merge-differences.ts';
import {
  conflictKey,
  RESOLUTIONS,
  type Counts,
  type DocumentMatch,
  type MergeConflict,
  type MergePlan,
  type MergeTally,
  type MergeTarget,
  type Resolution,
} from './merge-types.ts';
import type { BundleContent } from './read-bundle-content.ts';

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
  const mapRef = (ref: AnnotationRef): AnnotationRef => ({
    documentId: localIdOf.get(ref.documentId) ?? ref.documentId,
    annotationId: ref.annotationId,
  });
  const mapped: BundleContent = {
    ...incoming,
    documents: incoming.documents.map((file) => ({ ...file, meta: { ...file.meta, id: localIdOf.get(file.meta.id)! } })),
    evidence: {
      links: incoming.evidence.links.map((link) => ({ ...link, from: mapRef(link.from), to: mapRef(link.to) })),
      claims: incoming.evidence.claims.map((claim) => ({ ...claim, mentions: claim.mentions.map(mapRef) })),
    },
  };

  // Each walk keeps mine for every conflict while planning: its "kept" are the conflicts.
  const counted = (tally: MergeTally): Counts => ({ added: tally.added, skipped: tally.skipped, conflicts: tally.kept });
  const conflicts: MergeConflict[] = [];
  const annotations = { added: 0, skipped: 0, conflicts: 0 };
  const localDocs = new Map(target.documents.map((file) => [file.meta.id, file]));
  for (const file of mapped.documents) {
    const local = localDocs.get(file.meta.id);
    if (local === undefined || local.meta.textHash !== file.meta.textHash) {
      annotations.added += file.annotations.length;
      continue;
    }
    const counts = counted(
      mergeById({
        mine: local.annotations,
        theirs: file.annotations,
        newId,
        dryRun: true,
        choiceOf: (own, theirs) => {
          const differences = annotationDifferences(own, theirs, local.meta.textHash);
          if (differences.length === 0) return undefined;
          conflicts.push({
            kind: 'annotation',
            key: conflictKey('annotation', theirs.id, file.meta.id),
            id: theirs.id,
            documentId: file.meta.id,
            differences,
            options: RESOLUTIONS,
            mine: own,
            theirs,
          });
          return 'mine';
        },
      }).tally,
    );
    annotations.added += counts.added;
    annotations.skipped += counts.skipped;
    annotations.conflicts += counts.conflicts;
  }

  const myLinkKeys = new Set(target.evidence.links.map(linkKey));
  const links = counted(
    mergeById({
      mine: target.evidence.links,
      theirs: mapped.evidence.links,
      newId,
      dryRun: true,
      // The same ends and relation under another id: the same link.
      isHere: (theirs) => myLinkKeys.has(linkKey(theirs)),
      choiceOf: (own, theirs) => {
        const differences = linkDifferences(own, theirs);
        if (differences.length === 0) return undefined;
        // No choice may leave two links with the same ends and relation: when theirs repeats another
        // link of mine, only mine; when it has mine's ends and relation, not both.
        const options: Resolution[] =
          myLinkKeys.has(linkKey(theirs)) && linkKey(theirs) !== linkKey(own)
            ? ['mine']
            : linkKey(theirs) === linkKey(own)
              ? ['mine', 'theirs']
              : RESOLUTIONS.slice();
        conflicts.push({ kind: 'link', key: conflictKey('link', theirs.id), id: theirs.id, differences, options, mine: own, theirs });
        return 'mine';
      },
    }).tally,
  );

  const claims = counted(
    mergeById({
      mine: target.evidence.claims,
      theirs: mapped.evidence.claims,
      newId,
      dryRun: true,
      choiceOf: (own, theirs) => {
        const differences = claimDifferences(own, theirs);
        if (differences.length === 0) return undefined;
        conflicts.push({
          kind: 'claim',
          key: conflictKey('claim', theirs.id),
          id: theirs.id,
          differences,
          options: RESOLUTIONS,
          mine: own,
          theirs,
        });
        return 'mine';
      },
    }).tally,
  );

  // A bundle's tag is one of mine when it has the same id (core/codebook/tag-matching.ts).
  const mineOf = tagMatcherById(target.codebook.tags);
  const tagsAdded: string[] = [];
  const tagsKept: string[] = [];
  for (const tag of incoming.codebook.tags) {
    const own = mineOf(tag);
    if (own === undefined) tagsAdded.push(tag.id);
    else if (own.name !== tag.name || own.color !== tag.color || own.parentId !== tag.parentId || own.description !== tag.description)
      tagsKept.push(tag.id);
  }

  return { documents, annotations, links, claims, tagsAdded, tagsKept, conflicts, incoming: mapped };
}
