// Writes documents, annotations and claims into the search tables (main/team/migrations/0005-search.ts), a
// statement per batch (arrays spread with unnest()), never a statement per row. The caller holds
// the transaction. What PostgreSQL indexes is computed here (lexemes.ts): the words as a tsvector
// literal, the texts case-folded for LIKE.
import { sql, type Kysely } from 'kysely';
import type { Annotation } from '../../../core/model/annotation.ts';
import type { Claim } from '../../../core/model/evidence.ts';
import type { SearchDocument } from '../../../core/search/search-types.ts';
import type { TeamTables } from '../../team/tables.ts';
import { foldedOf, tsvectorOf } from './lexemes.ts';

type Db = Kysely<TeamTables>;

/** Writes whole documents (replacing what the index had of them, annotations included). */
export async function upsertDocuments(db: Db, given: readonly SearchDocument[]): Promise<void> {
  if (given.length === 0) return;
  // One row per id (the last one given): an upsert cannot touch a row twice.
  const documents = [...new Map(given.map((document) => [document.meta.id, document])).values()];
  const column = <T>(pick: (document: SearchDocument) => T) => documents.map(pick);
  const { rows } = await sql<{ rowid: string; id: string }>`
    INSERT INTO search_docs (id, title, role, outlet, author, published, url, tags, folded, text, text_folded, words)
    SELECT u.id, u.title, u.role, u.outlet, u.author, u.published, u.url, u.tags, u.folded, u.text, u.text_folded, u.words::tsvector
      FROM unnest(${column((d) => d.meta.id)}::text[], ${column((d) => d.meta.title)}::text[], ${column((d) => d.meta.role)}::text[],
                  ${column((d) => d.meta.outlet)}::text[], ${column((d) => d.meta.author)}::text[],
                  ${column((d) => d.meta.publishedAt ?? null)}::text[], ${column((d) => d.meta.sourceUrl ?? '')}::text[],
                  ${column((d) => JSON.stringify(d.meta.tags))}::text[], ${column(foldedFields)}::text[], ${column((d) => d.text)}::text[],
                  ${column((d) => foldedOf(d.text))}::text[], ${column((d) => tsvectorOf([[d.text, 'D']]))}::text[])
           AS u(id, title, role, outlet, author, published, url, tags, folded, text, text_folded, words)
    ON CONFLICT (id) DO UPDATE SET title = excluded.title, role = excluded.role, outlet = excluded.outlet, author = excluded.author,
      published = excluded.published, url = excluded.url, tags = excluded.tags, folded = excluded.folded, text = excluded.text,
      text_folded = excluded.text_folded, words = excluded.words
    RETURNING rowid, id`.execute(db);
  const rowids = new Map(rows.map((row) => [row.id, row.rowid]));
  await sql`DELETE FROM search_anns WHERE doc = ANY(${[...rowids.values()]}::bigint[])`.execute(db);
  await insertAnnotations(
    db,
    documents.flatMap((document) => document.annotations.map((annotation) => ({ doc: rowids.get(document.meta.id)!, annotation }))),
  );
}

function foldedFields({ meta }: SearchDocument): string {
  return foldedOf([meta.title, meta.outlet, meta.author, meta.sourceUrl ?? '', meta.tags.join(' ')].join('\n'));
}

export async function deleteDocuments(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await sql`DELETE FROM search_docs WHERE id = ANY(${[...ids]}::text[])`.execute(db);
}

/** Replaces annotations (one of a document the index lacks is ignored). */
export async function upsertAnnotations(db: Db, puts: readonly { readonly documentId: string; readonly annotation: Annotation }[]) {
  if (puts.length === 0) return;
  await deleteAnnotations(
    db,
    puts.map(({ documentId, annotation }) => ({ documentId, annotationId: annotation.id })),
  );
  const docs = [...new Set(puts.map((put) => put.documentId))];
  const { rows } = await sql<{ rowid: string; id: string }>`SELECT rowid, id FROM search_docs WHERE id = ANY(${docs}::text[])`.execute(db);
  const rowids = new Map(rows.map((row) => [row.id, row.rowid]));
  await insertAnnotations(
    db,
    puts.flatMap(({ documentId, annotation }) => {
      const doc = rowids.get(documentId);
      return doc === undefined ? [] : [{ doc, annotation }];
    }),
  );
}

export async function deleteAnnotations(db: Db, refs: readonly { readonly documentId: string; readonly annotationId: string }[]) {
  if (refs.length === 0) return;
  await sql`
    DELETE FROM search_anns a USING search_docs d, unnest(${refs.map((ref) => ref.documentId)}::text[], ${refs.map((ref) => ref.annotationId)}::text[]) AS u(doc, id)
     WHERE d.rowid = a.doc AND d.id = u.doc AND a.id = u.id`.execute(db);
}

async function insertAnnotations(db: Db, rows: readonly { readonly doc: string; readonly annotation: Annotation }[]): Promise<void> {
  // In slices: a document may hold more annotations than one statement should carry.
  for (let from = 0; from < rows.length; from += 5_000) {
    const slice = rows.slice(from, from + 5_000);
    const column = <T>(pick: (annotation: Annotation) => T) => slice.map(({ annotation }) => pick(annotation));
    await sql`
      INSERT INTO search_anns (doc, id, start, "end", quote, note, tags, status, speaker, outlet, creator, folded, quote_folded, note_folded, words)
      SELECT u.doc, u.id, u.start, u.end_at, u.quote, u.note, ARRAY(SELECT jsonb_array_elements_text(u.tags::jsonb)), u.status, u.speaker,
             u.outlet, u.creator, u.folded, u.quote_folded, u.note_folded, u.words::tsvector
        FROM unnest(${slice.map((row) => row.doc)}::bigint[], ${column((a) => a.id)}::text[], ${column((a) => a.target.start)}::int[],
                    ${column((a) => a.target.end)}::int[], ${column((a) => a.target.exact)}::text[], ${column((a) => a.note)}::text[],
                    ${column((a) => JSON.stringify(a.tags))}::text[], ${column((a) => a.status)}::text[], ${column((a) => a.speaker)}::text[],
                    ${column((a) => a.outlet)}::text[], ${column((a) => a.creator)}::text[],
                    ${column((a) => foldedOf([a.speaker, a.outlet, a.creator].join('\n')))}::text[],
                    ${column((a) => foldedOf(a.target.exact))}::text[], ${column((a) => foldedOf(a.note))}::text[],
                    ${column((a) =>
                      tsvectorOf([
                        [a.target.exact, 'A'],
                        [a.note, 'B'],
                      ]),
                    )}::text[])
             AS u(doc, id, start, end_at, quote, note, tags, status, speaker, outlet, creator, folded, quote_folded, note_folded, words)
      ON CONFLICT (doc, id) DO NOTHING`.execute(db);
  }
}

export async function upsertClaims(db: Db, claims: readonly Claim[]): Promise<void> {
  if (claims.length === 0) return;
  await sql`
    INSERT INTO search_claims (id, json) SELECT * FROM unnest(${claims.map((claim) => claim.id)}::text[], ${claims.map((claim) => JSON.stringify(claim))}::text[])
    ON CONFLICT (id) DO UPDATE SET json = excluded.json`.execute(db);
}

export async function deleteClaims(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await sql`DELETE FROM search_claims WHERE id = ANY(${[...ids]}::text[])`.execute(db);
}
