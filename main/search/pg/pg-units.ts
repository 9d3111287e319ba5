// The search tables' rows as the exact test sees them (main/search/searchables.ts's DocRow and
// AnnRow), read from PostgreSQL: documents, annotations with their documents, the annotation
// fields' documents (`in:text tag:quote …`), claims with their mentions, and facet counts.
import { sql, type Kysely } from 'kysely';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { Claim } from '../../../core/model/evidence.ts';
import { ANNOTATION_FIELDS, type SearchQuery, type Term } from '../../../core/search/query-ast.ts';
import type { SearchFacets } from '../../../core/search/search-types.ts';
import { facetTally, type FacetRow } from '../facets.ts';
import type { Match } from '../group-hits.ts';
import { annotationSearchable, claimMentionMatches, type AnnRow, type DocRow } from '../searchables.ts';
import { termHolds, type Searchable, type TermContext } from '../term-test.ts';
import type { TeamTables } from '../../team/tables.ts';
import { fieldCondition } from './pg-conditions.ts';

export type Db = Kysely<TeamTables>;

/** The columns of a document row (alias `d`), prefixed `d_` beside an annotation's. */
export const DOC_COLUMNS = sql`d.rowid AS d_rowid, d.id AS d_id, d.title AS d_title, d.role AS d_role, d.outlet AS d_outlet,
  d.author AS d_author, d.published AS d_published, d.url AS d_url, d.tags AS d_tags`;
export const ANN_COLUMNS = sql`a.rowid, a.id, a.start, a."end", a.quote, a.note, a.tags, a.status, a.speaker, a.outlet, a.creator, a.doc`;

export type RawRow = Record<string, unknown>;

export function docRowOf(row: RawRow): DocRow {
  return {
    rowid: Number(row.d_rowid),
    id: row.d_id as string,
    title: row.d_title as string,
    role: row.d_role as string,
    outlet: row.d_outlet as string,
    author: row.d_author as string,
    published: row.d_published as string | null,
    url: row.d_url as string,
    tags: row.d_tags as string,
    score: 0,
  };
}

export function annRowOf(row: RawRow, score = 0): AnnRow {
  return {
    rowid: Number(row.rowid),
    id: row.id as string,
    start: row.start as number,
    end: row.end as number,
    quote: row.quote as string,
    note: row.note as string,
    tags: JSON.stringify(row.tags),
    status: row.status as string,
    speaker: row.speaker as string,
    outlet: row.outlet as string,
    creator: row.creator as string,
    doc: Number(row.doc),
    score,
  };
}

/** Document rows and texts, each read once per search. */
export class DocReader {
  private readonly db: Db;
  private readonly rows = new Map<number, DocRow>();
  private readonly texts = new Map<number, string>();

  constructor(db: Db) {
    this.db = db;
  }

  keep(row: DocRow, text?: string): DocRow {
    const known = this.rows.get(row.rowid);
    if (known === undefined) this.rows.set(row.rowid, row);
    if (text !== undefined) this.texts.set(row.rowid, text);
    return known ?? row;
  }

  row(rowid: number): DocRow {
    const row = this.rows.get(rowid);
    if (row === undefined) throw new Error(`search: document row ${rowid} was not read`);
    return row;
  }

  text(rowid: number): string {
    const text = this.texts.get(rowid);
    if (text === undefined) throw new Error(`search: the text of document row ${rowid} was not read`);
    return text;
  }

  /** Reads the rows and texts of `rowids` not read yet. */
  async load(rowids: Iterable<number>, withText: boolean): Promise<void> {
    const missing = [...new Set(rowids)].filter((rowid) => !this.rows.has(rowid) || (withText && !this.texts.has(rowid)));
    if (missing.length === 0) return;
    const { rows } = await sql<RawRow>`SELECT ${DOC_COLUMNS}, ${withText ? sql`d.text` : sql`NULL AS text`}
      FROM search_docs d WHERE d.rowid = ANY(${missing}::bigint[])`.execute(this.db);
    for (const row of rows) this.keep(docRowOf(row), withText ? (row.text as string) : undefined);
  }
}

/** For each annotation field term of the query, the documents holding an annotation that satisfies it. */
export async function annotationFieldDocs(db: Db, query: SearchQuery, context: TermContext, docs: DocReader) {
  const sets = new Map<Term, Set<number>>();
  for (const { term } of query.groups.flat()) {
    if (term.kind !== 'field' || !ANNOTATION_FIELDS.has(term.field) || sets.has(term)) continue;
    const filter = fieldCondition({ groups: [[{ negated: false, term, offset: 0 }]], scopes: [] }, 'anns', context.codebook);
    const found = new Set<number>();
    if (term.field === 'tag') {
      // The filter is the exact test here: the tags stored are ids, matched against the same set.
      const { rows } = await sql<{ doc: string }>`SELECT DISTINCT a.doc FROM search_anns a JOIN search_docs d ON d.rowid = a.doc
        WHERE ${filter}`.execute(db);
      for (const row of rows) found.add(Number(row.doc));
    } else {
      const { rows } = await sql<RawRow>`SELECT ${ANN_COLUMNS}, ${DOC_COLUMNS} FROM search_anns a JOIN search_docs d ON d.rowid = a.doc
        WHERE ${filter}`.execute(db);
      for (const raw of rows) {
        const row = { ...annRowOf(raw), quote: '', note: '' };
        if (!found.has(row.doc) && termHolds(term, annotationSearchable(row, docs.keep(docRowOf(raw)), []), context)) found.add(row.doc);
      }
    }
    sets.set(term, found);
  }
  return sets;
}

/** Claims whose statement or verdict rationale match; a hit for each mention the index holds. */
export async function claimMatches(db: Db, context: TermContext, holds: (unit: Searchable) => boolean, docs: DocReader): Promise<Match[]> {
  const { rows: claimRows } = await sql<{ json: string }>`SELECT json FROM search_claims ORDER BY position`.execute(db);
  const claims = claimRows.map((row) => JSON.parse(row.json) as Claim);
  const refs = claims.flatMap((claim) => claim.mentions);
  const { rows } = await sql<RawRow>`SELECT ${ANN_COLUMNS}, ${DOC_COLUMNS}
      FROM unnest(${refs.map((ref) => ref.documentId)}::text[], ${refs.map((ref) => ref.annotationId)}::text[]) AS u(doc, id)
      JOIN search_docs d ON d.id = u.doc JOIN search_anns a ON a.doc = d.rowid AND a.id = u.id`.execute(db);
  const mentionRows = new Map(
    rows.map((raw) => [`${raw.d_id as string}\n${raw.id as string}`, { row: annRowOf(raw), doc: docs.keep(docRowOf(raw)) }]),
  );
  return claims.flatMap((claim) =>
    claimMentionMatches(
      claim,
      claim.mentions.map((ref) => mentionRows.get(`${ref.documentId}\n${ref.annotationId}`)).filter((row) => row !== undefined),
      context,
      holds,
    ),
  );
}

/** Facet counts, as main/search/facets.ts counts them. */
export async function countFacets(
  db: Db,
  matches: readonly { readonly docRowid: number; readonly facets: FacetRow }[],
  documentsMatched: boolean,
): Promise<SearchFacets> {
  const { add, result } = facetTally(matches);
  if (documentsMatched) {
    const rowids = [...new Set(matches.filter((match) => match.facets.tag === undefined).map((match) => match.docRowid))];
    const inDocs = sql`a.doc = ANY(${rowids}::bigint[])`;
    const { rows: tags } = await sql<{ value: string; n: string }>`SELECT t.tag AS value, count(DISTINCT a.doc) AS n
      FROM search_anns a, unnest(a.tags) AS t(tag) WHERE ${inDocs} GROUP BY t.tag`.execute(db);
    for (const row of tags) add('tag', row.value, Number(row.n));
    for (const facet of ['status', 'speaker'] as const) {
      const { rows } = await sql<{ value: string; n: string }>`SELECT ${sql.ref(`a.${facet}`)} AS value, count(DISTINCT a.doc) AS n
        FROM search_anns a WHERE ${inDocs} GROUP BY 1`.execute(db);
      for (const row of rows) add(facet, row.value, Number(row.n));
    }
  }
  return result();
}

export type { Codebook };
