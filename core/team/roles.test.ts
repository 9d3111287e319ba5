import { describe, expect, it, vi } from 'vitest';
import { WORKBENCH_METHODS, type WorkbenchMethod } from '../contract/workbench-api.ts';
import { workbenchArgs } from '../contract/workbench-args.ts';
import { METHOD_RULES, TEAM_ROLES, authorize, type CreatorLookup, type Owned, type TeamRole } from './roles.ts';

// The decision, written again by hand: the least role for each method (with the caller the creator of
// whatever the call changes). Compared with METHOD_RULES for every method × role below.
const LEAST: Record<WorkbenchMethod, TeamRole> = {
  ...Object.fromEntries(
    [
      'listDocuments',
      'listDocumentsPage',
      'getDocumentSummaries',
      'getDocument',
      'getAnnotations',
      'getWorkspaceInfo',
      'getSettingsUsage',
      'listVersions',
      'getVersionText',
      'importUploads',
      'cancelImport',
      'importText',
      'updateDocumentMeta',
      'updateDocumentsMeta',
      'createAnnotation',
      'updateAnnotation',
      'deleteAnnotation',
      'updateAnnotations',
      'reviewAnchor',
      'undo',
      'redo',
      'getHistory',
      'reportViewing',
      'leaveViewing',
      'getAnnotationSuggestions',
      'getTagUsage',
      'exportCodebook',
      'getSpeakers',
      'exportAnnotations',
      'exportBundle',
      'cancelBundleJob',
      'getEvidence',
      'getLinks',
      'listClaims',
      'getClaim',
      'getDependents',
      'createLink',
      'updateLink',
      'deleteLink',
      'createClaim',
      'updateClaim',
      'addMentions',
      'removeMentions',
      'deleteClaim',
      'queryArchive',
      'matchText',
      'matchDocument',
      'cancelMatch',
      'attachMatch',
      'claimFromArchive',
      'search',
      'getSearchStatus',
      'findOccurrences',
      'tagOccurrences',
      'getAgreement',
      'getDisagreements',
      'getSuggestions',
      'acceptSuggestions',
      'rejectSuggestions',
      'queryAnnotationTable',
      'annotationTableRefs',
      'exportAnnotationTable',
      'getAnnotationTableChoices',
      'getTagMatrix',
    ].map((method) => [method, 'analyst']),
  ),
  ...Object.fromEntries(
    [
      'deleteDocument',
      'importAnnotationFile',
      'mergeSpeakers',
      'previewBundleImport',
      'applyBundleImport',
      'discardBundleImport',
      'importArchive',
      'curateDisagreement',
      'curateAgreements',
    ].map((method) => [method, 'reviewer']),
  ),
  ...Object.fromEntries(
    ['updateSettings', 'removeSample', 'addTag', 'updateTag', 'deleteTag', 'importCodebook'].map((method) => [method, 'admin']),
  ),
} as Record<WorkbenchMethod, TeamRole>;

/** Valid arguments (checked with the contract's schemas) for the methods whose rule reads them. */
const ARGS: Partial<Record<WorkbenchMethod, unknown[]>> = {
  updateAnnotation: ['d1', 'a1', { note: 'x' }],
  deleteAnnotation: ['d1', 'a1'],
  updateAnnotations: [
    [
      { documentId: 'd1', annotationId: 'a1' },
      { documentId: 'd2', annotationId: 'a2' },
    ],
    { status: 'checked' },
  ],
  reviewAnchor: ['d1', 'a1', { kind: 'accept' }],
  updateLink: ['l1', { note: 'x' }],
  deleteLink: ['l1'],
  updateClaim: ['c1', { statement: 'Prices rose' }],
  removeMentions: ['c1', [{ documentId: 'd1', annotationId: 'a1' }]],
  deleteClaim: ['c1'],
};

const callerOf = (role: TeamRole) => ({ name: `${role}-name`, role });
/** The caller made everything. */
const ownLookup = (name: string): CreatorLookup => ({ creatorsOf: async (items) => items.map(() => name) });

function argsFor(method: WorkbenchMethod): never {
  const args = ARGS[method] ?? [];
  return args as never;
}

describe('METHOD_RULES', () => {
  it('covers exactly the contract, and every method whose rule reads its arguments has valid arguments here', () => {
    expect(Object.keys(METHOD_RULES).sort()).toEqual([...WORKBENCH_METHODS].sort());
    expect(Object.keys(LEAST).sort()).toEqual([...WORKBENCH_METHODS].sort());
    for (const method of WORKBENCH_METHODS) {
      const rule = METHOD_RULES[method] as { needs?: unknown; owned?: unknown };
      if (rule.needs !== undefined || rule.owned !== undefined) {
        expect(ARGS[method], method).toBeDefined();
        expect(workbenchArgs[method].safeParse(ARGS[method]).success, method).toBe(true);
      }
    }
  });

  const cases = WORKBENCH_METHODS.flatMap((method) => TEAM_ROLES.map((role) => [method, role] as const));
  it.each(cases)('%s as %s', async (method, role) => {
    const caller = callerOf(role);
    const result = await authorize(caller, method, argsFor(method), ownLookup(caller.name));
    const allowed = TEAM_ROLES.indexOf(role) >= TEAM_ROLES.indexOf(LEAST[method]);
    expect(result.ok).toBe(allowed);
    if (!result.ok) {
      expect(result.error.code).toBe('forbidden');
      expect(result.error.message).toContain(`needs the ${LEAST[method]} role`);
    }
  });
});

describe('authorize: what a member made', () => {
  const analyst = callerOf('analyst');
  const reviewer = callerOf('reviewer');
  const madeBy = (creators: Record<string, string | undefined>): CreatorLookup & { creatorsOf: ReturnType<typeof vi.fn> } => ({
    creatorsOf: vi.fn(async (items: readonly Owned[]) =>
      items.map((item) => creators[item.kind === 'annotation' ? `${item.documentId}/${item.annotationId}` : `${item.kind}:${item.id}`]),
    ),
  });

  it.each([
    ['updateAnnotation', { 'd1/a1': 'Ben' }],
    ['deleteAnnotation', { 'd1/a1': 'Ben' }],
    ['reviewAnchor', { 'd1/a1': 'Ben' }],
    ['updateAnnotations', { 'd1/a1': 'analyst-name', 'd2/a2': 'Ben' }],
    ['updateLink', { 'link:l1': 'Ben' }],
    ['deleteLink', { 'link:l1': 'Ben' }],
    ['updateClaim', { 'claim:c1': 'Ben' }],
    ['removeMentions', { 'claim:c1': 'Ben' }],
    ['deleteClaim', { 'claim:c1': 'Ben' }],
  ] as const)("%s of another's is refused to an analyst and allowed to a reviewer, unasked", async (method, creators) => {
    const lookup = madeBy(creators);
    const refused = await authorize(analyst, method, argsFor(method), lookup);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toMatch(/made by someone else; changing others' \w+ needs the reviewer role/);
    lookup.creatorsOf.mockClear();
    expect((await authorize(reviewer, method, argsFor(method), lookup)).ok).toBe(true);
    expect(lookup.creatorsOf).not.toHaveBeenCalled();
  });

  it('counts the others\u2019 annotations in a bulk edit', async () => {
    const result = await authorize(analyst, 'updateAnnotations', argsFor('updateAnnotations'), madeBy({ 'd1/a1': 'Ben', 'd2/a2': 'Cy' }));
    expect(!result.ok && result.error.message).toContain('2 of these annotations were made by someone else');
  });

  it('leaves an annotation that is not there to the service (which answers not-found)', async () => {
    expect((await authorize(analyst, 'deleteAnnotation', argsFor('deleteAnnotation'), madeBy({}))).ok).toBe(true);
  });

  it("compares the creator with the caller's name exactly", async () => {
    const lookup = madeBy({ 'd1/a1': 'Analyst-name' });
    expect((await authorize(analyst, 'updateAnnotation', argsFor('updateAnnotation'), lookup)).ok).toBe(false);
  });

  it("a claim's statement is its maker's to change; its verdict, status and review URL are a reviewer's", async () => {
    const own = madeBy({ 'claim:c1': 'analyst-name' });
    expect((await authorize(analyst, 'updateClaim', ['c1', { statement: 'New words' }], own)).ok).toBe(true);
    for (const patch of [
      { verdict: { rating: 'False', date: '2026-01-02' } },
      { verdict: null },
      { status: 'reviewed' },
      { reviewUrl: 'https://example.org/check' },
    ]) {
      expect(workbenchArgs.updateClaim.safeParse(['c1', patch]).success).toBe(true);
      const result = await authorize(analyst, 'updateClaim', ['c1', patch] as never, own);
      expect(!result.ok && result.error.message).toBe('updateClaim needs the reviewer role or above; analyst-name is an analyst');
      expect((await authorize(reviewer, 'updateClaim', ['c1', patch] as never, madeBy({ 'claim:c1': 'Ben' }))).ok).toBe(true);
    }
  });
});
