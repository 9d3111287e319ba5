// The workspace's annotations as one table (issue 19, the QDA tools' "retrieved segments"): a row
// per annotation with its document, speaker (as the codebook groups spellings), outlet, claims and
// verdicts; the table's filters (a field's values are alternatives, fields must all hold) and its
// sort. Pure: the service keeps the rows and the search index's answer to a query, and pages them.
import { versionOf } from '../model/record-version.ts';
import { z } from 'zod';
import { descendantsOf } from '../codebook/edit.ts';
import type { ClaimMembership } from '../evidence/membership.ts';
import { AnnotationId, type Annotation } from '../model/annotation.ts';
import { TagId, speakerKey, type Codebook } from '../model/codebook.ts';
import { DocumentId, type DocumentMeta } from '../model/document.ts';
import { EvidenceId, NO_VERDICT, refKey } from '../model/evidence.ts';

/** The table's columns, each one it can be sorted by. */
export const TABLE_COLUMNS = [
  'quote',
  'document',
  'tags',
  'status',
  'speaker',
  'outlet',
  'creator',
  'claim',
  'verdict',
  'created',
  'modified',
  'published',
] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];

const Values = (item: z.ZodString) => item.array().min(1).max(10_000).optional();

/**
 * Which rows the table shows. Each field lists the values a row may have (any one of them will
 * do); every field given must hold. `tags`: the tag or one below it. `speakers`: any spelling of
 * the speaker (the codebook's speakers), "" for none recorded. `outlets`: the annotation's outlet,
 * else its document's. `verdicts`: a rating of one of its claims, or `none` for no verdict.
 * `inClaim`: in at least one claim (true) or in none (false).
 */
export const TableFilters = z.strictObject({
  documents: Values(DocumentId),
  tags: Values(TagId),
  statuses: Values(z.string().max(64)),
  speakers: Values(z.string().max(500)),
  outlets: Values(z.string().max(500)),
  creators: Values(z.string().max(200)),
  claims: Values(EvidenceId),
  verdicts: Values(z.string().max(64)),
  inClaim: z.boolean().optional(),
});
export type TableFilters = z.infer<typeof TableFilters>;

/** What the table asks for: a query of the search language, the filters, the sort. */
export const TableRequest = z.strictObject({
  query: z.string().max(10_000).optional(),
  matchCase: z.boolean().optional(),
  filters: TableFilters.optional(),
  /** Default `document` (by title, then in text order). */
  sort: z.enum(TABLE_COLUMNS).optional(),
  descending: z.boolean().optional(),
});
export type TableRequest = z.infer<typeof TableRequest>;

export const TableRef = z.strictObject({ documentId: DocumentId, annotationId: AnnotationId });

/** An annotation where the table needs it: with its document's details. */
export interface TableEntry {
  readonly meta: DocumentMeta;
  readonly annotation: Annotation;
  /** `refKey` of the annotation. */
  readonly key: string;
}

/** The entries of a document, in text order. */
export function tableEntriesOf(file: { readonly meta: DocumentMeta; readonly annotations: readonly Annotation[] }): TableEntry[] {
  return [...file.annotations]
    .sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end)
    .map((annotation) => ({ meta: file.meta, annotation, key: refKey({ documentId: file.meta.id, annotationId: annotation.id }) }));
}

/** What filtering and sorting look up beside the entries. */
export interface TableContext {
  readonly codebook: Codebook;
  /** The claims an annotation is in, by `refKey`. */
  readonly claimsOf: (key: string) => readonly ClaimMembership[];
  /** The speaker a name belongs to (its name as the codebook keeps it; the name itself otherwise). */
  readonly speakerOf: (name: string) => string;
  readonly statusLabel: (id: string) => string;
  readonly tagName: (id: string) => string;
}

const NO_CLAIMS: readonly ClaimMembership[] = [];

/** The outlet a row shows: the annotation's own, else its document's. */
export function outletOf(entry: TableEntry): string {
  return entry.annotation.outlet.trim() || entry.meta.outlet;
}

/**
 * The entries that pass `filters` and, when given, whose key is in `matched` (the annotations a
 * query found), in their order.
 */
export function filterTable(
  entries: readonly TableEntry[],
  filters: TableFilters,
  context: TableContext,
  matched?: ReadonlySet<string>,
): TableEntry[] {
  const set = (values: readonly string[] | undefined) => (values === undefined ? undefined : new Set(values));
  const documents = set(filters.documents);
  const statuses = set(filters.statuses);
  const creators = set(filters.creators);
  const claims = set(filters.claims);
  const verdicts = set(filters.verdicts);
  const outlets = filters.outlets && new Set(filters.outlets.map((outlet) => outlet.trim()));
  const tags = filters.tags && new Set(filters.tags.flatMap((tag) => [...descendantsOf(context.codebook, tag)]));
  const speakers = filters.speakers && new Set(filters.speakers.map((name) => speakerKey(context.speakerOf(name))));
  const { inClaim } = filters;
  return entries.filter((entry) => {
    const { annotation } = entry;
    if (matched !== undefined && !matched.has(entry.key)) return false;
    if (documents !== undefined && !documents.has(entry.meta.id)) return false;
    if (statuses !== undefined && !statuses.has(annotation.status)) return false;
    if (creators !== undefined && !creators.has(annotation.creator)) return false;
    if (outlets !== undefined && !outlets.has(outletOf(entry))) return false;
    if (tags !== undefined && !annotation.tags.some((tag) => tags.has(tag))) return false;
    if (speakers !== undefined && !speakers.has(speakerKey(context.speakerOf(annotation.speaker)))) return false;
    if (claims === undefined && verdicts === undefined && inClaim === undefined) return true;
    const memberships = context.claimsOf(entry.key);
    if (inClaim !== undefined && memberships.length > 0 !== inClaim) return false;
    if (claims !== undefined && !memberships.some((membership) => claims.has(membership.claimId))) return false;
    if (verdicts !== undefined) {
      const ratings = memberships.flatMap((membership) => (membership.verdict ? [membership.verdict.id] : []));
      if (!(ratings.some((rating) => verdicts.has(rating)) || (ratings.length === 0 && verdicts.has(NO_VERDICT)))) return false;
    }
    return true;
  });
}

/**
 * `text` as the sort compares it: without case or accents, and numbers by their value ("item 9"
 * before "item 10"). Compared with `<`, which is many times faster than a collator on 100,000
 * rows (a collator's compare is called a million times or more; this is made once per row).
 * @example sortText('Émile 10') // 'emile 00000000000000000010'
 */
export function sortText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(20, '0'));
}

/** A row's value in a column, as the sort compares it; '' is "none" (sorted last either way). */
export function sortKey(entry: TableEntry, column: TableColumn, context: TableContext): string {
  const { annotation, meta } = entry;
  switch (column) {
    case 'quote':
      return annotation.target.exact;
    case 'document':
      return meta.title;
    case 'tags':
      return annotation.tags.map(context.tagName).join(', ');
    case 'status':
      return context.statusLabel(annotation.status);
    case 'speaker':
      return annotation.speaker.trim() === '' ? '' : context.speakerOf(annotation.speaker);
    case 'outlet':
      return outletOf(entry);
    case 'creator':
      return annotation.creator;
    case 'claim':
      return (context.claimsOf(entry.key)[0] ?? undefined)?.statement ?? '';
    case 'verdict':
      return context.claimsOf(entry.key).find((membership) => membership.verdict)?.verdict?.label ?? '';
    case 'created':
      return annotation.created;
    case 'modified':
      return annotation.modified;
    case 'published':
      return meta.publishedAt ?? '';
  }
}

/** Columns whose values are ISO dates: compared as written. */
const DATE_COLUMNS: ReadonlySet<TableColumn> = new Set(['created', 'modified', 'published']);

/**
 * The entries sorted by `column` (text as `sortText` folds it; rows without a value last, whichever
 * the direction), then by document title, document, and place in the text, so that the order is
 * the same every time.
 */
export function sortTable(entries: readonly TableEntry[], column: TableColumn, descending: boolean, context: TableContext): TableEntry[] {
  const folded = new Map<string, string>();
  const fold = (text: string) => {
    let key = folded.get(text);
    if (key === undefined) folded.set(text, (key = sortText(text)));
    return key;
  };
  const keys = entries.map((entry) => {
    const key = sortKey(entry, column, context);
    return DATE_COLUMNS.has(column) || key === '' ? key : fold(key);
  });
  const titles = entries.map((entry) => fold(entry.meta.title));
  const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const order = entries.map((_entry, index) => index);
  order.sort((i, j) => {
    const a = keys[i]!;
    const b = keys[j]!;
    if ((a === '') !== (b === '')) return a === '' ? 1 : -1;
    const primary = column === 'document' ? 0 : compareText(a, b) * (descending ? -1 : 1);
    if (primary !== 0) return primary;
    const title = compareText(titles[i]!, titles[j]!) * (column === 'document' && descending ? -1 : 1);
    return title || compareInDocument(entries[i]!, entries[j]!);
  });
  return order.map((index) => entries[index]!);
}

/** Documents of the same title by id; then text order; then annotation id. */
function compareInDocument(a: TableEntry, b: TableEntry): number {
  if (a.meta.id !== b.meta.id) return a.meta.id < b.meta.id ? -1 : 1;
  const x = a.annotation.target;
  const y = b.annotation.target;
  return x.start - y.start || x.end - y.end || (a.annotation.id < b.annotation.id ? -1 : a.annotation.id > b.annotation.id ? 1 : 0);
}

/** What the table shows of a row. */
export interface AnnotationTableRow {
  readonly documentId: string;
  readonly annotationId: string;
  readonly documentTitle: string;
  /** The quote, cut at QUOTE_SHOWN characters (the table shows one line). */
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  /** Not found in the current text: `start`/`end` count into an earlier version. */
  readonly orphaned: boolean;
  readonly tags: readonly string[];
  readonly status: string;
  /** As recorded on the annotation. */
  readonly speaker: string;
  /** The speaker it belongs to (the codebook's name for that spelling); '' for none. */
  readonly speakerName: string;
  readonly outlet: string;
  readonly creator: string;
  readonly claims: readonly ClaimMembership[];
  readonly created: string;
  readonly modified: string;
  /** The annotation's version (core/model/record-version.ts): a bulk edit of the row is made from it. */
  readonly version: number;
  readonly publishedAt?: string;
}

/** Characters of a quote a row carries. */
export const QUOTE_SHOWN = 400;

export function tableRow(entry: TableEntry, context: TableContext): AnnotationTableRow {
  const { annotation, meta } = entry;
  const quote = annotation.target.exact;
  return {
    documentId: meta.id,
    annotationId: annotation.id,
    documentTitle: meta.title,
    quote: quote.length > QUOTE_SHOWN ? `${quote.slice(0, QUOTE_SHOWN)}…` : quote,
    start: annotation.target.start,
    end: annotation.target.end,
    orphaned: annotation.anchor.state === 'orphaned',
    tags: annotation.tags,
    status: annotation.status,
    speaker: annotation.speaker,
    speakerName: annotation.speaker.trim() === '' ? '' : context.speakerOf(annotation.speaker),
    outlet: outletOf(entry),
    creator: annotation.creator,
    claims: context.claimsOf(entry.key) ?? NO_CLAIMS,
    created: annotation.created,
    modified: annotation.modified,
    version: versionOf(annotation),
    ...(meta.publishedAt === undefined ? {} : { publishedAt: meta.publishedAt }),
  };
}
