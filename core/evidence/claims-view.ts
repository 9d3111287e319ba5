// The claims view: one row per claim (statement, mentions, outlets, first appearance, verdict),
// sorted and filtered as the analyst asks, and a claim's appearances as a timeline.
import {
  DEFAULT_VERDICT_SCALE,
  NO_VERDICT,
  type AnnotationRef,
  type Claim,
  type ClaimStatus,
  type EvidenceData,
  type Verdict,
  type VerdictRating,
} from '../model/evidence.ts';
import { earlierQuote } from '../annotations/review.ts';
import type { Annotation } from '../model/annotation.ts';
import type { DocumentMeta, DocumentRole } from '../model/document.ts';
import { compareAppearances, instantOf, sameDayAsFirst, type Ranked } from './first-appearance.ts';

export { instantOf } from './first-appearance.ts';
import { foldText } from './quote-fidelity.ts';

/** What the view needs to know of one mention; the caller reads it from the documents. */
export interface MentionInfo {
  readonly document: {
    readonly id: string;
    readonly title: string;
    readonly outlet: string;
    readonly publishedAt?: string;
    readonly importedAt: string;
    readonly role: DocumentRole;
    /** When its first version was imported (`importedAt` when it has one version). */
    readonly firstImportedAt: string;
  };
  readonly annotation: {
    readonly outlet: string;
    readonly speaker: string;
    readonly exact: string;
    readonly start: number;
    /** Its quote before a new version changed it (core/annotations/review.ts). */
    readonly was?: string;
  };
}

/**
 * What the view needs of a mention, from its document (with its earlier versions, oldest first,
 * when the caller has them) and annotation: the one way both lookups build it.
 */
export function mentionInfo(
  document: {
    readonly meta: Pick<DocumentMeta, 'id' | 'title' | 'outlet' | 'importedAt' | 'publishedAt' | 'role'>;
    readonly versions?: readonly { readonly importedAt: string }[];
  },
  annotation: Pick<Annotation, 'outlet' | 'speaker' | 'target' | 'anchor'>,
): MentionInfo {
  const { meta } = document;
  const was = earlierQuote(annotation);
  return {
    document: {
      id: meta.id,
      title: meta.title,
      outlet: meta.outlet,
      importedAt: meta.importedAt,
      ...(meta.publishedAt !== undefined ? { publishedAt: meta.publishedAt } : {}),
      role: meta.role,
      firstImportedAt: document.versions?.[0]?.importedAt ?? meta.importedAt,
    },
    annotation: {
      outlet: annotation.outlet,
      speaker: annotation.speaker,
      exact: annotation.target.exact,
      start: annotation.target.start,
      ...(was === undefined ? {} : { was }),
    },
  };
}

/** Undefined for a mention whose document or annotation cannot be found. */
export type MentionLookup = (ref: AnnotationRef) => MentionInfo | undefined;

/** One mention of a claim, where and when it appeared. */
export interface Appearance {
  readonly ref: AnnotationRef;
  readonly documentTitle: string;
  /** The annotation's outlet when the analyst set one (a quote of another outlet), else the document's; may be ''. */
  readonly outlet: string;
  readonly speaker: string;
  readonly quote: string;
  /** The quote before a new version changed it: the words the claim's verdict was made on. */
  readonly was?: string;
  /** The document's `publishedAt` as written; absent when it is undated. */
  readonly date?: string;
  /** `date` in milliseconds since 1970, a date alone counting from its start in UTC. */
  readonly instant?: number;
  readonly importedAt: string;
  readonly role: DocumentRole;
}

export interface ClaimRow {
  readonly claim: Claim;
  /** Mentions found through the lookup; `missingCount` more could not be found. */
  readonly mentionCount: number;
  readonly missingCount: number;
  /** Distinct outlets, ignoring case, in order of first appearance and spelled as there. */
  readonly outlets: readonly string[];
  readonly speakers: readonly string[];
  readonly quotes: readonly string[];
  /**
   * The mention in the earliest-published document. Undefined when no mention is dated: then
   * `undatedCount` equals `mentionCount` (both 0 for a claim without mentions).
   */
  readonly firstAppearance?: Appearance;
  /** How many other documents were published on the first appearance's day ("same day"). */
  readonly sameDayCount: number;
  /** Mentions in documents without a publication date: one of them may have come first. */
  readonly undatedCount: number;
  readonly verdict?: Verdict;
}

export type ClaimSortKey = 'statement' | 'mentions' | 'first-appearance' | 'verdict' | 'modified';

export interface ClaimFilter {
  /** Every word must occur in the statement, an outlet, a speaker or a quote (case and quote marks ignored). */
  readonly text?: string;
  /** A rating id, or `'none'` (NO_VERDICT) for claims without a verdict. */
  readonly verdict?: string;
  readonly status?: ClaimStatus;
}

/** The rows of the claims view, in the order of `data.claims`. */
export function claimRows(data: EvidenceData, lookup: MentionLookup): ClaimRow[] {
  return data.claims.map((claim) => {
    const appearances = timelineOf(claim, lookup);
    const first = appearances[0];
    return {
      claim,
      mentionCount: appearances.length,
      missingCount: claim.mentions.length - appearances.length,
      outlets: distinct(appearances.map((appearance) => appearance.outlet)),
      speakers: distinct(appearances.map((appearance) => appearance.speaker)),
      quotes: appearances.map((appearance) => appearance.quote),
      ...(first?.instant !== undefined ? { firstAppearance: first } : {}),
      sameDayCount: sameDayAsFirst(appearances.map(({ date, ref }) => ({ date, documentId: ref.documentId }))),
      undatedCount: appearances.filter((appearance) => appearance.instant === undefined).length,
      ...(claim.verdict ? { verdict: claim.verdict } : {}),
    };
  });
}

/**
 * A claim's mentions in order of appearance (core/evidence/first-appearance.ts): by the day their
 * document was published, undated ones last; a day's tie goes to a source before a claim document,
 * then to the document first imported, then by document id and place. Mentions the lookup cannot
 * find are left out.
 */
export function timelineOf(claim: Claim, lookup: MentionLookup): Appearance[] {
  const ranks = new Map<Appearance, Ranked>();
  const appearances = claim.mentions.flatMap((ref): Appearance[] => {
    const info = lookup(ref);
    if (!info) return [];
    const { document, annotation } = info;
    const instant = instantOf(document.publishedAt);
    const appearance: Appearance = {
      ref,
      documentTitle: document.title,
      outlet: annotation.outlet.trim() || document.outlet.trim(),
      speaker: annotation.speaker.trim(),
      quote: annotation.exact,
      ...(annotation.was === undefined ? {} : { was: annotation.was }),
      ...(instant !== undefined ? { date: document.publishedAt, instant } : {}),
      importedAt: document.importedAt,
      role: document.role,
    };
    ranks.set(appearance, {
      ...(instant !== undefined ? { date: document.publishedAt } : {}),
      role: document.role,
      firstImportedAt: document.firstImportedAt,
      documentId: ref.documentId,
      start: annotation.start,
      annotationId: ref.annotationId,
    });
    return [appearance];
  });
  return appearances.sort((a, b) => compareAppearances(ranks.get(a)!, ranks.get(b)!));
}

/**
 * The rows sorted by `key`, ties kept in their order. Rows without a value (no dated mention, no
 * verdict) come last either way. Verdicts sort in the order of `scale`, unknown ratings after it.
 */
export function sortClaimRows(
  rows: readonly ClaimRow[],
  key: ClaimSortKey,
  direction: 'asc' | 'desc',
  scale: readonly VerdictRating[] = DEFAULT_VERDICT_SCALE,
): ClaimRow[] {
  const valueOf = SORT_VALUES[key];
  const sign = direction === 'asc' ? 1 : -1;
  const values = new Map(rows.map((row) => [row, valueOf(row, scale)]));
  return [...rows].sort((a, b) => {
    const [x, y] = [values.get(a), values.get(b)];
    if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0);
    return sign * compareTuples(x, y);
  });
}

/** The rows that pass every part of `filter`. */
export function filterClaimRows(rows: readonly ClaimRow[], filter: ClaimFilter): ClaimRow[] {
  const terms = foldText(filter.text ?? '')
    .split(/\s+/u)
    .filter((term) => term !== '');
  return rows.filter((row) => {
    if (filter.status !== undefined && row.claim.status !== filter.status) return false;
    if (filter.verdict !== undefined && (row.claim.verdict?.rating ?? NO_VERDICT) !== filter.verdict) return false;
    if (terms.length === 0) return true;
    const haystack = foldText([row.claim.statement, ...row.outlets, ...row.speakers, ...row.quotes].join('\n'));
    return terms.every((term) => haystack.includes(term));
  });
}

type SortValue = readonly (string | number)[];

const SORT_VALUES: Record<ClaimSortKey, (row: ClaimRow, scale: readonly VerdictRating[]) => SortValue | undefined> = {
  statement: (row) => [row.claim.statement],
  mentions: (row) => [row.mentionCount],
  'first-appearance': (row) => (row.firstAppearance?.instant === undefined ? undefined : [row.firstAppearance.instant]),
  verdict: (row, scale) => {
    const rating = row.claim.verdict?.rating;
    if (rating === undefined) return undefined;
    const rank = scale.findIndex((candidate) => candidate.id === rating);
    return [rank < 0 ? scale.length : rank, rating];
  },
  modified: (row) => [Date.parse(row.claim.modified)],
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareTuples(a: SortValue, b: SortValue): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const [x, y] = [a[index]!, b[index]!];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Non-empty values without repeats that differ only in case, each spelled as it first appears. */
function distinct(values: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    const key = foldText(value);
    if (value !== '' && !seen.has(key)) seen.set(key, value);
  }
  return [...seen.values()];
}
