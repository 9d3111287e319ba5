// Facet counts of a result: how many matches carry each tag, status, outlet, role and speaker.
// Annotation matches count annotations; document matches count documents, and for the
// annotation facets (tag, status, speaker) the documents holding such annotations.
import type { DatabaseSync } from 'node:sqlite';
import type { FacetCounts, SearchFacets } from '../../core/search/search-types.ts';

export type FacetRow = Partial<Record<keyof SearchFacets, readonly string[]>>;

const MAX_VALUES = 50;

/**
 * The counting both indexes share (this file's SQLite one, pg/pg-units.ts's PostgreSQL one): each
 * match's facet values once, `add` for what an index counts itself, `result` the top values.
 */
export function facetTally(matches: readonly { readonly facets: FacetRow }[]): {
  add(facet: keyof SearchFacets, value: string, by?: number): void;
  result(): SearchFacets;
} {
  const counts: Record<keyof SearchFacets, Map<string, number>> = {
    tag: new Map(),
    status: new Map(),
    outlet: new Map(),
    role: new Map(),
    speaker: new Map(),
  };
  const add = (facet: keyof SearchFacets, value: string, by = 1) => {
    if (value !== '') counts[facet].set(value, (counts[facet].get(value) ?? 0) + by);
  };
  for (const match of matches)
    for (const [facet, values] of Object.entries(match.facets) as [keyof SearchFacets, readonly string[]][])
      for (const value of new Set(values)) add(facet, value);
  const sorted = (map: Map<string, number>): FacetCounts =>
    [...map]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_VALUES)
      .map(([value, count]) => ({ value, count }));
  return {
    add,
    result: () => ({
      tag: sorted(counts.tag),
      status: sorted(counts.status),
      outlet: sorted(counts.outlet),
      role: sorted(counts.role),
      speaker: sorted(counts.speaker),
    }),
  };
}

export function countFacets(
  db: DatabaseSync,
  matches: readonly { readonly docRowid: number; readonly facets: FacetRow }[],
  documentsMatched: boolean,
): SearchFacets {
  const { add, result } = facetTally(matches);
  if (documentsMatched) {
    const rowids = JSON.stringify([...new Set(matches.filter((match) => match.facets.tag === undefined).map((match) => match.docRowid))]);
    const inDocs = 'a.doc IN (SELECT value FROM json_each(?))';
    for (const row of db
      .prepare(
        `SELECT t.tag AS value, count(DISTINCT a.doc) AS n FROM ann_tags t JOIN anns a ON a.rowid = t.ann WHERE ${inDocs} GROUP BY t.tag`,
      )
      .all(rowids))
      add('tag', String(row.value), Number(row.n));
    for (const facet of ['status', 'speaker'] as const) {
      for (const row of db
        .prepare(`SELECT a.${facet} AS value, count(DISTINCT a.doc) AS n FROM anns a WHERE ${inDocs} GROUP BY a.${facet}`)
        .all(rowids))
        add(facet, String(row.value), Number(row.n));
    }
  }
  return result();
}
