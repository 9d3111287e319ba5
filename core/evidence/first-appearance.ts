// Which mention of a claim came first: one rule for the claims view, the claim's timeline and
// report.html, so a workspace, its report and another workspace that imported its bundle agree.
// Mentions go by
//   1. the day their document was published, in UTC (a date alone is that day; a date and time with
//      its offset is the UTC day of that instant): times within a day are not compared, since many
//      documents give only a date, and a date cannot be ordered against a time on the same day;
//   2. a source before a claim document (the source is where the claim came from);
//   3. when their document was first imported (the first version's import: a new version does not
//      change it, and a bundle carries it to the other workspace);
//   4. the document id, then the mention's place in its document, then the annotation id.
// Undated mentions come after every dated one, ordered by 2–4. Two mentions of different documents
// published on the same day "tie on the date": the claims view and the report say "same day".
import type { DocumentRole } from '../model/document.ts';

/** What the rule reads of a mention. */
export interface Ranked {
  /** The document's `publishedAt`; absent when it is undated. */
  readonly date?: string;
  readonly role: DocumentRole;
  /** ISO time of the document's first import (its first version's). */
  readonly firstImportedAt: string;
  readonly documentId: string;
  /** Where the mention starts in its document's text (−1 when unknown). */
  readonly start: number;
  readonly annotationId: string;
}

/**
 * `publishedAt` as an instant: a date alone is its start in UTC, a date-time has its own offset.
 * @example instantOf('2024-03-05') === Date.UTC(2024, 2, 5)
 */
export function instantOf(publishedAt: string | undefined): number | undefined {
  if (publishedAt === undefined) return undefined;
  const instant = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(publishedAt) ? `${publishedAt}T00:00:00Z` : publishedAt);
  return Number.isNaN(instant) ? undefined : instant;
}

const DAY = 86_400_000;

/**
 * The UTC day a `publishedAt` falls on, as a day number (undefined when undated or unreadable).
 * @example dayOf('2026-03-05T23:30:00-05:00') === dayOf('2026-03-06')
 */
export function dayOf(publishedAt: string | undefined): number | undefined {
  const instant = instantOf(publishedAt);
  return instant === undefined ? undefined : Math.floor(instant / DAY);
}

/**
 * Orders two mentions by the rule in the module header: negative when `a` came first.
 * @example [b, a].sort(compareAppearances) // a (a source) first when both were published on 2026-03-05
 */
export function compareAppearances(a: Ranked, b: Ranked): number {
  const [dayA, dayB] = [dayOf(a.date), dayOf(b.date)];
  if (dayA !== dayB) {
    if (dayA === undefined) return 1;
    if (dayB === undefined) return -1;
    return dayA - dayB;
  }
  return (
    ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
    compareText(a.firstImportedAt, b.firstImportedAt) ||
    compareText(a.documentId, b.documentId) ||
    a.start - b.start ||
    compareText(a.annotationId, b.annotationId)
  );
}

/**
 * How many other documents published on the same day as the first mention's (`ordered[0]`, the
 * mentions sorted by `compareAppearances`): the first appearance "tied on the date" with them.
 */
export function sameDayAsFirst(ordered: readonly { readonly date?: string | undefined; readonly documentId: string }[]): number {
  const first = ordered[0];
  const day = dayOf(first?.date);
  if (first === undefined || day === undefined) return 0;
  const others = new Set<string>();
  for (const mention of ordered) {
    if (dayOf(mention.date) !== day) break;
    if (mention.documentId !== first.documentId) others.add(mention.documentId);
  }
  return others.size;
}

const ROLE_ORDER: Readonly<Record<DocumentRole, number>> = { source: 0, claim: 1 };

// Code-unit order, not the locale's: every machine sorts alike.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
