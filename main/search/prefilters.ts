// SQL conditions every match of a query must meet, to narrow candidates before the exact test:
// taken only from groups of one positive field clause (`tag:x`, `role:source`), never from
// excluded or OR'd clauses. Each is a superset of the exact test in term-test.ts (instr on the
// folded fields finds every word match and more).
import type { Codebook } from '../../core/model/codebook.ts';
import { foldCase } from '../../core/search/fold-case.ts';
import type { SearchQuery } from '../../core/search/query-ast.ts';
import { tagsMatching } from './term-test.ts';

export interface Prefilter {
  readonly where: string;
  readonly params: (string | number)[];
}

/**
 * Conditions for the documents table (alias `d`) or the annotations table (alias `a`, joined to
 * `d`). Annotation fields narrow only annotations.
 */
/**
 * `tagsPerRow`: test an annotation's tags where the row is met (an index lookup per row), for a
 * query that reads annotations in another order and stops early; otherwise every tagged
 * annotation is listed first, which is faster for reading them all.
 */
export function prefilters(
  query: SearchQuery,
  table: 'docs' | 'anns',
  codebook: Codebook,
  { tagsPerRow = false }: { readonly tagsPerRow?: boolean } = {},
): Prefilter {
  const where: string[] = ['1'];
  const params: (string | number)[] = [];
  for (const group of query.groups) {
    const clause = group.length === 1 ? group[0]! : undefined;
    if (clause === undefined || clause.negated) continue;
    const { term } = clause;
    if (term.kind === 'date') {
      where.push(term.field === 'before' ? 'substr(d.published, 1, 10) < ?' : 'substr(d.published, 1, 10) > ?');
      params.push(term.bound);
    }
    if (term.kind !== 'field') continue;
    const folded = foldCase(term.value);
    switch (term.field) {
      case 'author':
      case 'doc':
        where.push('instr(d.folded, ?) > 0');
        params.push(folded);
        break;
      case 'role':
        where.push('d.role = ?');
        params.push(term.value);
        break;
      case 'outlet':
        where.push(table === 'anns' ? '(instr(a.folded, ?) > 0 OR instr(d.folded, ?) > 0)' : 'instr(d.folded, ?) > 0');
        params.push(folded, ...(table === 'anns' ? [folded] : []));
        break;
      case 'speaker':
      case 'creator':
        if (table === 'anns') {
          where.push('instr(a.folded, ?) > 0');
          params.push(folded);
        }
        break;
      case 'tag':
        if (table === 'anns') {
          where.push(
            tagsPerRow
              ? 'EXISTS (SELECT 1 FROM ann_tags t WHERE t.ann = a.rowid AND t.tag IN (SELECT value FROM json_each(?)))'
              : 'a.rowid IN (SELECT ann FROM ann_tags WHERE tag IN (SELECT value FROM json_each(?)))',
          );
          params.push(JSON.stringify([...tagsMatching(codebook, term.value, term.prefix)]));
        }
        break;
      case 'status':
        if (table === 'anns' && !term.prefix) {
          where.push('a.status IN (?, ?)');
          params.push(term.value, folded);
        }
        break;
    }
  }
  return { where: where.join(' AND '), params };
}
