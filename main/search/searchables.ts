// The index's rows as the query sees them (term-test.ts's Searchable): documents, annotations
// and claims, with the fields each answers to.
import type { DatabaseSync } from 'node:sqlite';
import type { Claim } from '../../core/model/evidence.ts';
import { ANNOTATION_FIELDS, type SearchQuery, type Term } from '../../core/search/query-ast.ts';
import type { Match } from './group-hits.ts';
import { prefilters } from './prefilters.ts';
import { termHolds, type Searchable, type TermContext } from './term-test.ts';

export interface DocRow {
  rowid: number;
  id: string;
  title: string;
  role: string;
  outlet: string;
  author: string;
  published: string | null;
  url: string;
  tags: string;
  score: number;
}
export interface AnnRow {
  rowid: number;
  id: string;
  start: number;
  end: number;
  quote: string;
  note: string;
  tags: string;
  status: string;
  speaker: string;
  outlet: string;
  creator: string;
  doc: number;
  score: number;
}

/** A document: its text, its metadata, and (through `annotationDocs`) the annotations it holds. */
export function docSearchable(row: DocRow, text: () => string, annotationDocs: ReadonlyMap<Term, ReadonlySet<number>>): Searchable {
  return {
    texts: () => [text()],
    field: (field) => docField(row, field),
    tags: () => [],
    published: () => row.published ?? undefined,
    annotationTerm: (term) => annotationDocs.get(term)?.has(row.rowid) ?? false,
  };
}

function docField(row: DocRow, field: string): string[] {
  switch (field) {
    case 'outlet':
      return [row.outlet];
    case 'author':
      return [row.author];
    case 'role':
      return [row.role];
    case 'doc':
      return [row.title, row.url, ...(JSON.parse(row.tags) as string[])];
    default:
      return [];
  }
}

/** An annotation: `texts` are its quote and/or note (the query's scopes); its outlet falls back to the document's. */
export function annotationSearchable(row: AnnRow, doc: DocRow, texts: readonly string[]): Searchable {
  return {
    texts: () => texts,
    field: (field) => {
      switch (field) {
        case 'status':
          return [row.status];
        case 'speaker':
          return [row.speaker];
        case 'creator':
          return [row.creator];
        case 'outlet':
          return [row.outlet || doc.outlet];
        default:
          return docField(doc, field);
      }
    },
    tags: () => JSON.parse(row.tags) as string[],
    published: () => doc.published ?? undefined,
  };
}

/** A found annotation as a match of its document: its span, its score (1 unranked), its facets. */
export function annotationMatch(row: AnnRow, doc: DocRow): Match {
  return {
    documentId: doc.id,
    docRowid: doc.rowid,
    score: row.score || 1,
    hits: [{ start: row.start, end: row.end, annotationId: row.id }],
    facets: {
      role: [doc.role],
      outlet: [row.outlet || doc.outlet],
      tag: JSON.parse(row.tags) as string[],
      status: [row.status],
      speaker: row.speaker === '' ? [] : [row.speaker],
    },
  };
}

/** For each annotation field term of the query, the documents holding an annotation that satisfies it. */
export function annotationFieldDocs(
  db: DatabaseSync,
  query: SearchQuery,
  context: TermContext,
  docOf: (rowid: number) => DocRow,
): Map<Term, Set<number>> {
  const sets = new Map<Term, Set<number>>();
  for (const { term } of query.groups.flat()) {
    if (term.kind !== 'field' || !ANNOTATION_FIELDS.has(term.field) || sets.has(term)) continue;
    const filter = prefilters({ groups: [[{ negated: false, term, offset: 0 }]], scopes: [] }, 'anns', context.codebook);
    const docs = new Set<number>();
    if (term.field === 'tag') {
      // The SQL filter is the exact test here: the tags stored are ids, matched against the same set.
      const sql = `SELECT DISTINCT a.doc AS doc FROM anns a JOIN docs d ON d.rowid = a.doc WHERE ${filter.where}`;
      for (const row of db.prepare(sql).iterate(...filter.params) as Iterable<{ doc: number }>) docs.add(row.doc);
    } else {
      const columns = "a.doc, a.tags, a.status, a.speaker, a.outlet, a.creator, '' AS quote, '' AS note";
      const sql = `SELECT ${columns}, 0 AS score FROM anns a JOIN docs d ON d.rowid = a.doc WHERE ${filter.where}`;
      for (const row of db.prepare(sql).iterate(...filter.params) as Iterable<AnnRow>) {
        if (!docs.has(row.doc) && termHolds(term, annotationSearchable(row, docOf(row.doc), []), context)) docs.add(row.doc);
      }
    }
    sets.set(term, docs);
  }
  return sets;
}

/** Claims whose statement or verdict rationale match; a hit for each mention the index holds. */
export function claimMatches(
  db: DatabaseSync,
  context: TermContext,
  holds: (unit: Searchable) => boolean,
  docOf: (rowid: number) => DocRow,
): Match[] {
  const mention = db.prepare('SELECT a.*, 0 AS score FROM anns a JOIN docs d ON d.rowid = a.doc WHERE d.id = ? AND a.id = ?');
  return (db.prepare('SELECT json FROM claims ORDER BY rowid').all() as { json: string }[]).flatMap(({ json }) => {
    const claim = JSON.parse(json) as Claim;
    const found = claim.mentions
      .map((ref) => mention.get(ref.documentId, ref.annotationId) as AnnRow | undefined)
      .filter((row) => row !== undefined)
      .map((row) => ({ row, doc: docOf(row.doc) }));
    return claimMentionMatches(claim, found, context, holds);
  });
}

/**
 * A claim's hits (one per mention found in the index) when the claim, as a unit, satisfies the
 * query: its statement and rationale are its texts, its status and creator its own, and every other
 * field, tag and date those of its mentions. Both indexes' claim searches (and the PostgreSQL one's).
 */
export function claimMentionMatches(
  claim: Claim,
  found: readonly { readonly row: AnnRow; readonly doc: DocRow }[],
  context: TermContext,
  holds: (unit: Searchable) => boolean,
): Match[] {
  const mentions = found.map(({ row, doc }) => annotationSearchable(row, doc, []));
  const unit: Searchable = {
    texts: () => [claim.statement, claim.verdict?.rationale ?? ''],
    field: (field) => {
      if (field === 'status') return [claim.status, ...(claim.verdict === undefined ? [] : [claim.verdict.rating])];
      if (field === 'creator') return [claim.creator];
      return mentions.flatMap((mention) => mention.field(field));
    },
    tags: () => mentions.flatMap((mention) => mention.tags()),
    published: () => mentions.map((mention) => mention.published()).find((date) => date !== undefined),
    annotationTerm: (term) =>
      term.kind === 'field' && (term.field === 'status' || term.field === 'creator')
        ? termHolds(term, { ...unit, annotationTerm: undefined }, context)
        : mentions.some((mention) => termHolds(term, mention, context)),
  };
  if (!holds(unit)) return [];
  return found.map(({ row, doc }) => ({
    documentId: doc.id,
    docRowid: doc.rowid,
    score: 1,
    hits: [{ start: row.start, end: row.end, annotationId: row.id, claimId: claim.id }],
    facets: {
      role: [doc.role],
      outlet: [row.outlet || doc.outlet],
      tag: JSON.parse(row.tags) as string[],
      status: [claim.verdict?.rating ?? claim.status],
    },
  }));
}

/** Reads document texts once per search. */
export function cachedTexts(db: DatabaseSync): (rowid: number) => string {
  const statement = db.prepare('SELECT text FROM doc_texts WHERE rowid = ?');
  const texts = new Map<number, string>();
  return (rowid) => {
    let text = texts.get(rowid);
    if (text === undefined) texts.set(rowid, (text = (statement.get(rowid) as { text: string }).text));
    return text;
  };
}
