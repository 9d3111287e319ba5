// The workspace search query language (issue 19): words, "exact phrases", prefix*, -excluded,
// OR, and fields (tag:, status:, speaker:, outlet:, author:, creator:, role:, doc:, before:,
// after:, in:). Pure: a bad query is an error value that says where, never an exception.
import type { Failure } from '../result.ts';
import { SCOPES, VALUE_FIELDS, type Clause, type Scope, type SearchQuery, type Term, type ValueField } from './query-ast.ts';
import { tokenize, type RawTerm } from './query-tokens.ts';

/** Why a query could not be read; `offset` is a string index into the query (NFC, as parsed). */
export interface QueryError extends Failure<'bad-query'> {
  readonly offset: number;
}

export type ParsedQuery = { readonly ok: true; readonly value: SearchQuery } | { readonly ok: false; readonly error: QueryError };

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * Parses a search query. Terms side by side must all match; `OR` between two terms lets either
 * match (`OR` binds tighter than the space: `a OR b c` is `(a OR b) AND c`).
 * @example parseQuery('tag:statistic -outlet:"AP" "ten times"')
 * @example parseQuery('"unclosed') // { ok: false, error: { message: 'line 1, column 1: unclosed quotation mark', offset: 0 } }
 */
export function parseQuery(input: string): ParsedQuery {
  const text = input.normalize('NFC');
  const lexed = tokenize(text);
  if (!lexed.ok) return failAt(text, lexed.error.offset, lexed.error.message);
  const groups: Clause[][] = [];
  const scopes: Scope[] = [];
  let joinNext = false;
  for (const [index, token] of lexed.tokens.entries()) {
    if (token.kind === 'or') {
      const previous = lexed.tokens[index - 1];
      if (previous?.kind !== 'term' || isScope(previous)) return failAt(text, token.offset, 'OR needs a term before it');
      joinNext = true;
      continue;
    }
    if (isScope(token)) {
      if (joinNext || lexed.tokens[index + 1]?.kind === 'or') return failAt(text, token.offset, '"in:" cannot be part of an OR');
      if (token.negated) return failAt(text, token.offset, '"in:" cannot be excluded; name the places to search instead');
      const scope = SCOPES.find((name) => name === token.value.toLowerCase());
      if (scope === undefined) return failAt(text, token.valueOffset, `"in:" takes ${SCOPES.join(', ')}`);
      if (!scopes.includes(scope)) scopes.push(scope);
      continue;
    }
    const term = termOf(token);
    if (typeof term === 'string') return failAt(text, token.valueOffset, term);
    const clause: Clause = { negated: token.negated, term, offset: token.offset };
    if (joinNext) groups[groups.length - 1]!.push(clause);
    else groups.push([clause]);
    joinNext = false;
  }
  if (joinNext) return failAt(text, lexed.tokens[lexed.tokens.length - 1]!.offset, 'OR needs a term after it');
  return { ok: true, value: { groups, scopes } };
}

function isScope(token: RawTerm): boolean {
  return token.field === 'in';
}

/** The term a raw token stands for, or why it is not one. */
function termOf(token: RawTerm): Term | string {
  const { field, value, quoted, prefix } = token;
  if (field === undefined) return quoted && !prefix ? { kind: 'phrase', value } : { kind: 'word', value, prefix };
  if (field === 'before' || field === 'after') {
    const bound = dateBound(value, field);
    return bound ?? `"${field}:" takes a date: YYYY, YYYY-MM or YYYY-MM-DD`;
  }
  const known = VALUE_FIELDS.find((name) => name === field);
  if (known === undefined) return `unknown field "${field}:" (fields: ${[...VALUE_FIELDS, 'before', 'after', 'in'].join(', ')})`;
  if (known === 'role' && value !== 'claim' && value !== 'source') return '"role:" takes claim or source';
  return { kind: 'field', field: known as ValueField, value, prefix };
}

/**
 * `before:` a period means before its first day; `after:` a period means after its last day. The
 * bound is that day; documents compare the first 10 characters of their published date with it.
 */
function dateBound(value: string, field: 'before' | 'after'): Term | undefined {
  const match = DATE.exec(value);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  const lastDay = new Date(Date.UTC(year, month ?? 12, 0)).getUTCDate();
  if (day !== undefined && (day < 1 || day > lastDay)) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const first = `${match[1]}-${pad(month ?? 1)}-${pad(day ?? 1)}`;
  const last = `${match[1]}-${pad(month ?? 12)}-${pad(day ?? (month === undefined ? 31 : lastDay))}`;
  return { kind: 'date', field, bound: field === 'before' ? first : last };
}

function failAt(text: string, offset: number, message: string): { ok: false; error: QueryError } {
  return { ok: false, error: { code: 'bad-query', message: `${describePosition(text, offset)}: ${message}`, offset } };
}

/**
 * "line L, column C" of a string index, both from 1; columns count characters (code points), as
 * a person counts them.
 */
export function describePosition(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return `line ${lines.length}, column ${[...lines[lines.length - 1]!].length + 1}`;
}
