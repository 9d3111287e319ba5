// The floor of the team server's search figure (T8): the same candidate query the server asks
// PostgreSQL for a page (main/search/pg/pg-run-search.ts: the tsvector's GIN index or LIKE with
// pg_trgm, ts_rank, the first batch of documents with their texts), sent as bare SQL through one
// `pg` client, with no HTTP, no JSON, no exact test, no snippets. Same database, same run.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { parseQuery } from '../core/search/query.ts';
import { firstBatch, textCandidates } from '../main/search/pg/pg-run-search.ts';
import type { TeamTables } from '../main/team/tables.ts';
import { summarizeMs } from './team-load.ts';

/** Times each query `repeats` times (in turn, as the server bench asks them), a page of `limit` documents by relevance. */
export async function searchFloor(url: string, queries: readonly string[], repeats: number, limit: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Only to compile the statements (Kysely's SQL and parameters); they run on `client`.
  const compiler = new Kysely<TeamTables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    const statements = queries.map((text) => {
      const parsed = parseQuery(text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const { select } = textCandidates(parsed.value, { tags: [] }, 'relevance');
      return select({ size: firstBatch(limit), from: 0 }).compile(compiler);
    });
    const times: number[] = [];
    let rows = 0;
    for (let index = 0; index < queries.length * repeats; index++) {
      const { sql, parameters } = statements[index % statements.length]!;
      const started = performance.now();
      const result = await client.query(sql, [...parameters]);
      times.push(performance.now() - started);
      rows += result.rows.length;
    }
    return { ...summarizeMs(times), rowsPerQuery: Math.round(rows / times.length) };
  } finally {
    await client.end();
    await compiler.destroy();
  }
}
