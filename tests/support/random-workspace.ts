// Random workspaces for property tests (fast-check): documents with emoji, combining marks, CRLF
// sources (stored normalized, as import stores them), empty texts, overlapping annotations,
// orphans on an earlier version's text, links and claims. Written straight into a store.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { textTarget, type Annotation } from '../../core/model/annotation.ts';
import { linkKey, type Claim, type EvidenceLink } from '../../core/model/evidence.ts';
import { WORKSPACE_SCHEMA_VERSION, type DocumentFile } from '../../core/model/stored-files.ts';
import { normalizeText } from '../../core/text/normalize.ts';
import type { WorkspaceStore } from '../../main/store/workspace-store.ts';

const FRAGMENTS = [
  'The mayor said ',
  'taxes will not rise',
  ' in 2025.',
  '\r\n',
  '\n\n',
  '👩🏽‍⚖️',
  'café',
  'cafe\u0301',
  '“quoted”',
  ' ',
  'CNN reported ',
  '40 % of voters',
  '🇺🇦',
  'Ω≈ç√',
  'a\u0308',
  '\t',
  'ـه',
  '東京',
];

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const iso = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const id = fc.oneof(
  fc.uuid().map((uuid) => uuid.toLowerCase()),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
);
const shortText = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '😀', 'é', 'e\u0301', '"', ',', '\n', '<', '&'), maxLength: 30 });

/** Code unit offsets that do not split a surrogate pair. */
function boundaries(text: string): number[] {
  const points = [0];
  let at = 0;
  for (const character of text) points.push((at += character.length));
  return points;
}

export interface RandomWorkspace {
  readonly documents: DocumentFile[];
  readonly links: EvidenceLink[];
  readonly claims: Claim[];
  /** Earlier versions' texts, by hash (for texts/). */
  readonly texts: Map<string, string>;
}

const TAGS = ['claim-type', 'statistic', 'quote', 'prediction'];
const STATUSES = ['unverified', 'supported', 'refuted'];

export const randomWorkspace: fc.Arbitrary<RandomWorkspace> = fc
  .record({
    documents: fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/),
        title: fc.string({ minLength: 1, maxLength: 40 }).filter((title) => title.trim().length > 0),
        source: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 }),
        oldSource: fc.option(fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 3, maxLength: 8 })),
        annotations: fc.array(
          fc.record({
            id,
            a: fc.nat(),
            b: fc.nat(),
            tags: fc.subarray(TAGS),
            status: fc.constantFrom(...STATUSES),
            note: shortText,
            speaker: shortText,
            outlet: shortText,
            creator: shortText,
            created: iso,
            modified: iso,
            // Records from before versions have none.
            version: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
            anchor: fc.constantFrom('exact', 'exact', 'moved', 'fuzzy', 'orphan'),
          }),
          { maxLength: 8 },
        ),
        importedAt: iso,
        // Few days and both roles, so claims' first appearances often tie on the date.
        publishedAt: fc.option(fc.constantFrom('2026-08-13', '2026-08-14', '2026-08-14T09:30:00+02:00')),
        role: fc.constantFrom('claim' as const, 'source' as const),
      }),
      { minLength: 1, maxLength: 4, selector: (document: { id: string }) => document.id },
    ),
    links: fc.array(
      fc.record({
        id,
        a: fc.nat(),
        b: fc.nat(),
        relation: fc.constantFrom('supports', 'refutes', 'source-of', 'same-claim', 'context'),
        note: shortText,
        created: iso,
      }),
      { maxLength: 5 },
    ),
    claims: fc.array(
      fc.record({
        id,
        statement: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.length > 0),
        mentions: fc.array(fc.nat(), { maxLength: 3 }),
        rated: fc.boolean(),
        published: fc.boolean(),
        created: iso,
        version: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ documents: drafts, links: linkDrafts, claims: claimDrafts }) => {
    const texts = new Map<string, string>();
    const documents = drafts.map((draft): DocumentFile => {
      const text = normalizeText(draft.source.join(''));
      const textHash = sha256(text);
      const oldText = draft.oldSource === null ? undefined : normalizeText(draft.oldSource.join(''));
      const oldHash = oldText === undefined ? undefined : sha256(oldText);
      if (oldText !== undefined && oldHash !== undefined && oldHash !== textHash) texts.set(oldHash, oldText);
      const points = boundaries(text);
      const oldPoints = oldText === undefined ? [] : boundaries(oldText);
      const seen = new Set<string>();
      const annotations: Annotation[] = [];
      for (const draftAnnotation of draft.annotations) {
        if (seen.has(draftAnnotation.id)) continue;
        const orphan = draftAnnotation.anchor === 'orphan' && oldText !== undefined && oldHash !== textHash && oldPoints.length > 2;
        const on = orphan ? oldPoints : points;
        if (on.length < 2) continue;
        const start = on[draftAnnotation.a % (on.length - 1)]!;
        const ends = on.filter((point) => point > start);
        const end = ends[draftAnnotation.b % ends.length]!;
        seen.add(draftAnnotation.id);
        const placed = draftAnnotation.anchor === 'moved' || draftAnnotation.anchor === 'fuzzy' ? draftAnnotation.anchor : 'exact';
        annotations.push({
          id: draftAnnotation.id,
          target: textTarget(orphan ? oldText! : text, start, end),
          anchor: orphan
            ? { state: 'orphaned', confidence: 0, previousQuote: oldText!.slice(start, end), textHash: oldHash! }
            : placed === 'fuzzy'
              ? { state: 'fuzzy', confidence: 0.95, previousQuote: 'an older quote', review: 'evidence', textHash }
              : placed === 'moved'
                ? { state: 'moved', textHash }
                : { state: 'exact', textHash },
          tags: draftAnnotation.tags,
          speaker: draftAnnotation.speaker,
          outlet: draftAnnotation.outlet,
          status: draftAnnotation.status,
          note: draftAnnotation.note,
          creator: draftAnnotation.creator,
          created: draftAnnotation.created,
          modified: draftAnnotation.modified,
          ...(draftAnnotation.version === undefined ? {} : { version: draftAnnotation.version }),
        });
      }
      return {
        schemaVersion: WORKSPACE_SCHEMA_VERSION,
        meta: {
          id: draft.id,
          title: draft.title,
          role: draft.role,
          outlet: '',
          author: '',
          ...(draft.publishedAt === null ? {} : { publishedAt: draft.publishedAt }),
          format: 'text',
          importedAt: draft.importedAt,
          importedFrom: `${draft.id}.txt`,
          textHash,
          tags: [],
        },
        text,
        annotations,
        structure: {},
        versions:
          oldHash !== undefined && oldHash !== textHash
            ? [{ textHash: oldHash, importedAt: draft.importedAt, importedFrom: 'old.txt', replacedAt: draft.importedAt }]
            : [],
      };
    });
    const refs = documents.flatMap((file) =>
      file.annotations.map((annotation) => ({ documentId: file.meta.id, annotationId: annotation.id })),
    );
    const links: EvidenceLink[] = [];
    const keys = new Set<string>();
    const linkIds = new Set<string>();
    if (refs.length >= 2) {
      for (const draft of linkDrafts) {
        const from = refs[draft.a % refs.length]!;
        const to = refs[draft.b % refs.length]!;
        if (from === to || linkIds.has(draft.id)) continue;
        const link: EvidenceLink = {
          id: draft.id,
          relation: draft.relation,
          from,
          to,
          note: draft.note,
          creator: 'Ana',
          created: draft.created,
          modified: draft.created,
        };
        if (keys.has(linkKey(link))) continue;
        keys.add(linkKey(link));
        linkIds.add(draft.id);
        links.push(link);
      }
    }
    const claimIds = new Set<string>();
    const claims: Claim[] = [];
    for (const draft of claimDrafts) {
      if (claimIds.has(draft.id)) continue;
      claimIds.add(draft.id);
      const mentions =
        refs.length === 0 ? [] : [...new Set(draft.mentions.map((index) => index % refs.length))].map((index) => refs[index]!);
      claims.push({
        id: draft.id,
        statement: draft.statement,
        mentions,
        ...(draft.rated
          ? { verdict: { rating: 'false', rationale: 'Official figures say otherwise.', reviewer: 'Ana', date: '2026-11-30' } }
          : {}),
        ...(draft.published ? { reviewUrl: `https://factcheck.example/checks/${draft.id}` } : {}),
        status: 'open',
        creator: 'Ana',
        created: draft.created,
        modified: draft.created,
        ...(draft.version === undefined ? {} : { version: draft.version }),
      });
    }
    return { documents, links, claims, texts };
  });

/** Writes `workspace` into an (empty) store. */
export async function writeRandomWorkspace(store: WorkspaceStore, workspace: RandomWorkspace): Promise<void> {
  for (const [hash, text] of workspace.texts) await store.saveVersionText(hash, text);
  for (const file of workspace.documents) {
    const written = await store.putDocument(file);
    if (!written.ok) throw new Error(written.error.message);
  }
  const evidence = await store.putEvidence({ links: workspace.links, claims: workspace.claims });
  if (!evidence.ok) throw new Error(evidence.error.message);
}

/** Tag ids the random annotations use, for the codebook of the store they go into. */
export const RANDOM_TAGS = TAGS;
