// Who on a team may call what: for every method of the contract, the least role that may call it,
// and for the methods that change something one person made (an annotation, a link, a claim),
// whether a lesser role may do so only to what they created. The team server checks this at
// dispatch, before the service sees the call. The table is exhaustive (a new method does not
// compile until someone decides who may call it). The words: an analyst edits their own
// annotations and creates claims; a reviewer sets verdicts and curates; an admin manages members
// and the codebook.
import type { WorkbenchApi, WorkbenchMethod } from '../contract/workbench-api.ts';
import { fail, ok, type Result } from '../result.ts';

export type TeamRole = 'analyst' | 'reviewer' | 'admin';

/** The roles from least to most: each may do everything the ones before it may. */
export const TEAM_ROLES: readonly TeamRole[] = ['analyst', 'reviewer', 'admin'];

export function roleAtLeast(role: TeamRole, least: TeamRole): boolean {
  return TEAM_ROLES.indexOf(role) >= TEAM_ROLES.indexOf(least);
}

/** Something a member made, whose creator a rule compares with the caller. */
export type Owned =
  | { readonly kind: 'annotation'; readonly documentId: string; readonly annotationId: string }
  | { readonly kind: 'link' | 'claim'; readonly id: string };

/** Reads creators from the store: one answer per item, in order; `undefined` for one that is not there. */
export interface CreatorLookup {
  creatorsOf(items: readonly Owned[]): Promise<readonly (string | undefined)[]>;
}

type Args<M extends WorkbenchMethod> = Parameters<WorkbenchApi[M]>;

export interface MethodRule<M extends WorkbenchMethod> {
  /** The least role that may call the method at all. */
  readonly least: TeamRole;
  /** What these arguments need when it is more than `least` (a claim's verdict needs a reviewer). */
  readonly needs?: (args: Args<M>) => TeamRole;
  /** The made things the call changes: below `others`, the caller must be the creator of every one. */
  readonly owned?: { readonly others: TeamRole; readonly items: (args: Args<M>) => Owned[] };
}

const read = { least: 'analyst' } as const;
const analyst = { least: 'analyst' } as const;
const reviewer = { least: 'reviewer' } as const;
const admin = { least: 'admin' } as const;

const annotation = (documentId: string, annotationId: string): Owned => ({ kind: 'annotation', documentId, annotationId });
/** An analyst's own; another's needs a reviewer. */
const own = <M extends WorkbenchMethod>(items: (args: Args<M>) => Owned[]): MethodRule<M> => ({
  least: 'analyst',
  owned: { others: 'reviewer', items },
});

/** Every method's rule. Reading anything is open to every member (the least role is analyst). */
export const METHOD_RULES = {
  // Documents. Importing is part of an analyst's work (the details step after it is updateDocumentsMeta),
  // so is editing a document's details; deleting a document takes everyone's annotations on it with it.
  listDocuments: read,
  listDocumentsPage: read,
  getDocumentSummaries: read,
  getDocument: read,
  getAnnotations: read,
  getWorkspaceInfo: read,
  getSettingsUsage: read,
  listVersions: read,
  getVersionText: read,
  importUploads: analyst,
  cancelImport: analyst,
  importText: analyst,
  updateDocumentMeta: analyst,
  updateDocumentsMeta: analyst,
  deleteDocument: reviewer,
  updateSettings: admin,
  removeSample: admin,

  // Annotations: an analyst edits their own; a reviewer anyone's. Re-pinning after a new version is an edit.
  createAnnotation: analyst,
  updateAnnotation: own(([documentId, annotationId]) => [annotation(documentId, annotationId)]),
  deleteAnnotation: own(([documentId, annotationId]) => [annotation(documentId, annotationId)]),
  updateAnnotations: own(([refs]) => refs.map((ref) => annotation(ref.documentId, ref.annotationId))),
  reviewAnchor: own(([documentId, annotationId]) => [annotation(documentId, annotationId)]),
  // A W3C or Hypothesis file adds tags the codebook lacks, in bulk: a reviewer's import, like a bundle's.
  importAnnotationFile: reviewer,
  // Everyone undoes their own changes: that needs the team store's per-member undo (the issue's "undo undoes
  // your own changes only"); the folder store's one history undoes whoever changed last.
  undo: analyst,
  redo: analyst,
  getHistory: read,
  getAnnotationSuggestions: read,

  // Codebook: its structure is the admin's; merging speakers (a bulk edit of annotations) is review.
  getTagUsage: read,
  exportCodebook: read,
  getSpeakers: read,
  addTag: admin,
  updateTag: admin,
  deleteTag: admin,
  importCodebook: admin,
  mergeSpeakers: reviewer,

  // Bundles: exporting is reading; merging a bundle into the team's workspace is a reviewer's.
  exportAnnotations: read,
  exportBundle: analyst,
  cancelBundleJob: analyst,
  previewBundleImport: reviewer,
  applyBundleImport: reviewer,
  discardBundleImport: reviewer,

  // Evidence: an analyst links and makes claims, and changes their own; statuses, verdicts and review
  // URLs of claims are a reviewer's.
  getEvidence: read,
  getLinks: read,
  listClaims: read,
  getClaim: read,
  getDependents: read,
  createLink: analyst,
  updateLink: own(([id]) => [{ kind: 'link', id }]),
  deleteLink: own(([id]) => [{ kind: 'link', id }]),
  createClaim: analyst,
  updateClaim: {
    ...own<'updateClaim'>(([id]) => [{ kind: 'claim', id }]),
    needs: ([, patch]) =>
      patch.verdict !== undefined || patch.status !== undefined || patch.reviewUrl !== undefined ? 'reviewer' : 'analyst',
  },
  addMentions: analyst,
  removeMentions: own(([id]) => [{ kind: 'claim', id }]),
  deleteClaim: own(([id]) => [{ kind: 'claim', id }]),

  // The fact-check archive: matching and making claims of entries is an analyst's (an entry's rating is
  // the publisher's, carried over); merging files into the team's archive is a reviewer's.
  queryArchive: read,
  matchText: read,
  matchDocument: read,
  cancelMatch: read,
  attachMatch: analyst,
  claimFromArchive: analyst,
  importArchive: reviewer,

  // Search: tagging every occurrence makes annotations of the caller.
  search: read,
  getSearchStatus: read,
  findOccurrences: read,
  tagOccurrences: analyst,

  // Agreement: the figures are for everyone; curating is a reviewer's.
  getAgreement: read,
  getDisagreements: read,
  curateDisagreement: reviewer,
  curateAgreements: reviewer,

  // Suggestions: taking or turning them down is part of marking a document.
  getSuggestions: read,
  acceptSuggestions: analyst,
  rejectSuggestions: analyst,

  // The annotations table and the tag matrix: reading.
  queryAnnotationTable: read,
  annotationTableRefs: read,
  exportAnnotationTable: read,
  getAnnotationTableChoices: read,
  getTagMatrix: read,

  // Presence: every member says where they are and hears where the others are.
  reportViewing: read,
  leaveViewing: read,
} satisfies { readonly [M in WorkbenchMethod]: MethodRule<M> };

export interface Caller {
  readonly name: string;
  readonly role: TeamRole;
}

const NAMES: Readonly<Record<Owned['kind'], string>> = { annotation: 'annotations', link: 'links', claim: 'claims' };

/**
 * Whether `caller` may call `method` with `args` (already parsed): the role first, then, for a
 * caller below the rule's `others`, that they made every thing the call changes (asked of `lookup`
 * only then). A thing that is not there is left to the service, which answers `not-found`.
 */
export async function authorize<M extends WorkbenchMethod>(
  caller: Caller,
  method: M,
  args: Args<M>,
  lookup: CreatorLookup,
): Promise<Result<true, 'forbidden'>> {
  const rule = METHOD_RULES[method] as MethodRule<M>;
  const needed = rule.needs?.(args) ?? rule.least;
  const least = roleAtLeast(needed, rule.least) ? needed : rule.least;
  if (!roleAtLeast(caller.role, least)) {
    return fail('forbidden', `${method} needs the ${least} role or above; ${caller.name} is ${article(caller.role)} ${caller.role}`);
  }
  if (rule.owned === undefined || roleAtLeast(caller.role, rule.owned.others)) return ok(true);
  const items = rule.owned.items(args);
  const creators = await lookup.creatorsOf(items);
  const others = items.filter((_, index) => creators[index] !== undefined && creators[index] !== caller.name);
  if (others.length === 0) return ok(true);
  const kind = NAMES[others[0]!.kind];
  const which = items.length === 1 ? `this ${kind.slice(0, -1)} was` : `${others.length} of these ${kind} were`;
  return fail(
    'forbidden',
    `${method}: ${which} made by someone else; changing others' ${kind} needs the ${rule.owned.others} role or above`,
  );
}

function article(role: TeamRole): string {
  return role === 'analyst' || role === 'admin' ? 'an' : 'a';
}
