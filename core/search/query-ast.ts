// The parsed workspace search query: what the parser (query.ts) returns and the index
// (main/search/) evaluates. Plain data, so it can cross a process boundary as is.

/** Fields that take a value (`tag:statistic`, `speaker:"Ana Ruiz"`). */
export const VALUE_FIELDS = ['tag', 'status', 'speaker', 'outlet', 'author', 'creator', 'role', 'doc'] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];

/** Where text terms are looked for: document text, annotation quotes, annotation notes, claims. */
export const SCOPES = ['text', 'quotes', 'notes', 'claims'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * A term of the query.
 * - `word`: matched where it starts and ends on a word boundary (so `tax` does not find
 *   "syntax"); `prefix` (`tax*`) lifts the boundary at the end. Case-insensitive.
 * - `phrase`: `"…"`, matched exactly (punctuation included) as a substring; case as the caller asks.
 * - `field`: a value compared with a field; `prefix` for `speaker:Zel*`.
 * - `date`: `before:`/`after:` the published date; `bound` is `YYYY-MM-DD` (see query.ts).
 */
export type Term =
  | { readonly kind: 'word'; readonly value: string; readonly prefix: boolean }
  | { readonly kind: 'phrase'; readonly value: string }
  | { readonly kind: 'field'; readonly field: ValueField; readonly value: string; readonly prefix: boolean }
  | { readonly kind: 'date'; readonly field: 'before' | 'after'; readonly bound: string };

/** A term, possibly excluded (`-term`); `offset` is where it starts in the query string. */
export interface Clause {
  readonly negated: boolean;
  readonly term: Term;
  readonly offset: number;
}

/**
 * A query: every group must hold (AND), a group holds when any of its clauses does (the clauses
 * written with `OR` between them). `scopes` lists the `in:` fields; empty means the default
 * (document text, or annotations when the query filters on annotation fields).
 */
export interface SearchQuery {
  readonly groups: readonly (readonly Clause[])[];
  readonly scopes: readonly Scope[];
}

/** Fields that describe an annotation rather than a document: a query with one searches annotations. */
export const ANNOTATION_FIELDS: ReadonlySet<ValueField> = new Set(['tag', 'status', 'speaker', 'creator']);

/** Every term of the query, in order, with its clause. */
export function clausesOf(query: SearchQuery): Clause[] {
  return query.groups.flat();
}

/**
 * `query` narrowed by values a view chose (a facet's tag, outlet …): each must hold, as if
 * `field:"value"` had been typed. Their `offset` is the query's length (they were not typed).
 * @example narrowQuery(parsed, [{ field: 'tag', value: 'statistic' }], 12)
 */
export function narrowQuery(
  query: SearchQuery,
  filters: readonly { readonly field: ValueField; readonly value: string }[],
  queryLength: number,
): SearchQuery {
  const added = filters.map(({ field, value }): Clause[] => [
    { negated: false, term: { kind: 'field', field, value, prefix: false }, offset: queryLength },
  ]);
  // The places searched stay those of the query as typed (a tag facet does not turn a text search into a search of quotes).
  return { groups: [...query.groups, ...added], scopes: scopesOf(query) };
}

/** Where the query's text terms are looked for: its `in:` fields, else quotes when it filters on annotation fields, else the text. */
export function scopesOf(query: SearchQuery): readonly Scope[] {
  if (query.scopes.length > 0) return query.scopes;
  return clausesOf(query).some((clause) => clause.term.kind === 'field' && ANNOTATION_FIELDS.has(clause.term.field))
    ? ['quotes']
    : ['text'];
}
