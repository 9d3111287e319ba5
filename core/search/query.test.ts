import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from './query.ts';

describe('parseQuery', () => {
  it.each([
    [
      'ten times',
      [
        [{ negated: false, term: { kind: 'word', value: 'ten', prefix: false }, offset: 0 }],
        [{ negated: false, term: { kind: 'word', value: 'times', prefix: false }, offset: 4 }],
      ],
    ],
    ['"ten times, bigger"', [[{ negated: false, term: { kind: 'phrase', value: 'ten times, bigger' }, offset: 0 }]]],
    ['tax*', [[{ negated: false, term: { kind: 'word', value: 'tax', prefix: true }, offset: 0 }]]],
    ['-drought', [[{ negated: true, term: { kind: 'word', value: 'drought', prefix: false }, offset: 0 }]]],
    [
      'a OR b c',
      [
        [
          { negated: false, term: { kind: 'word', value: 'a', prefix: false }, offset: 0 },
          { negated: false, term: { kind: 'word', value: 'b', prefix: false }, offset: 5 },
        ],
        [{ negated: false, term: { kind: 'word', value: 'c', prefix: false }, offset: 7 }],
      ],
    ],
    ['tag:statistic', [[{ negated: false, term: { kind: 'field', field: 'tag', value: 'statistic', prefix: false }, offset: 0 }]]],
    [
      '-outlet:"Associated Press"',
      [[{ negated: true, term: { kind: 'field', field: 'outlet', value: 'Associated Press', prefix: false }, offset: 0 }]],
    ],
    ['Speaker:Zel*', [[{ negated: false, term: { kind: 'field', field: 'speaker', value: 'Zel', prefix: true }, offset: 0 }]]],
    ['role:source', [[{ negated: false, term: { kind: 'field', field: 'role', value: 'source', prefix: false }, offset: 0 }]]],
    ['doc:"water report"', [[{ negated: false, term: { kind: 'field', field: 'doc', value: 'water report', prefix: false }, offset: 0 }]]],
    ['before:2024', [[{ negated: false, term: { kind: 'date', field: 'before', bound: '2024-01-01' }, offset: 0 }]]],
    ['after:2024', [[{ negated: false, term: { kind: 'date', field: 'after', bound: '2024-12-31' }, offset: 0 }]]],
    ['after:2024-02', [[{ negated: false, term: { kind: 'date', field: 'after', bound: '2024-02-29' }, offset: 0 }]]],
    ['before:2023-02-28', [[{ negated: false, term: { kind: 'date', field: 'before', bound: '2023-02-28' }, offset: 0 }]]],
    [
      '10:30 https://example.org/a',
      [
        [{ negated: false, term: { kind: 'word', value: '10:30', prefix: false }, offset: 0 }],
        [{ negated: false, term: { kind: 'word', value: 'https://example.org/a', prefix: false }, offset: 6 }],
      ],
    ],
    ['cafe\u0301', [[{ negated: false, term: { kind: 'word', value: 'café', prefix: false }, offset: 0 }]]],
  ])('%s', (input, groups) => {
    expect(parseQuery(input)).toEqual({ ok: true, value: { groups, scopes: [] } });
  });

  it('collects in: scopes apart from the terms', () => {
    const parsed = parseQuery('in:quotes budget in:notes in:quotes');
    expect(parsed.ok && parsed.value.scopes).toEqual(['quotes', 'notes']);
    expect(parsed.ok && parsed.value.groups.length).toBe(1);
  });

  it.each([
    ['"ten times', 0, 'line 1, column 1: unclosed quotation mark'],
    ['tag:statistic "ten', 14, 'line 1, column 15: unclosed quotation mark'],
    ['naïve\n "x', 7, 'line 2, column 2: unclosed quotation mark'],
    ['😀 "x', 3, 'line 1, column 3: unclosed quotation mark'],
    ['""', 0, 'line 1, column 1: empty quotation'],
    ['a -', 2, 'line 1, column 3: nothing to exclude after "-"'],
    ['OR a', 0, 'line 1, column 1: OR needs a term before it'],
    ['a OR', 2, 'line 1, column 3: OR needs a term after it'],
    ['a OR OR b', 5, 'line 1, column 6: OR needs a term before it'],
    ['tag:', 4, 'line 1, column 5: "tag:" needs a value'],
    ['*', 0, 'line 1, column 1: a "*" ends a word: write "tax*"'],
    [
      'colour:red',
      7,
      'line 1, column 8: unknown field "colour:" (fields: tag, status, speaker, outlet, author, creator, role, doc, before, after, in)',
    ],
    ['role:witness', 5, 'line 1, column 6: "role:" takes claim or source'],
    ['before:2024-13', 7, 'line 1, column 8: "before:" takes a date: YYYY, YYYY-MM or YYYY-MM-DD'],
    ['after:2023-02-29', 6, 'line 1, column 7: "after:" takes a date: YYYY, YYYY-MM or YYYY-MM-DD'],
    ['in:everything', 3, 'line 1, column 4: "in:" takes text, quotes, notes, claims'],
    ['-in:text', 0, 'line 1, column 1: "in:" cannot be excluded; name the places to search instead'],
    ['a OR in:text', 5, 'line 1, column 6: "in:" cannot be part of an OR'],
  ])('%j fails at %i', (input, offset, message) => {
    expect(parseQuery(input)).toEqual({ ok: false, error: { code: 'bad-query', message, offset } });
  });

  it('never throws, and an error offset lies inside the query', () => {
    const piece = fc.constantFrom('"', '-', '*', ':', ' ', 'OR', 'tag:', 'in:', 'before:', 'role:', 'é', '😀', '\n', 'x', '2024-02');
    const query = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(query, (input) => {
        const parsed = parseQuery(input);
        if (!parsed.ok) {
          expect(parsed.error.offset).toBeGreaterThanOrEqual(0);
          expect(parsed.error.offset).toBeLessThanOrEqual(input.normalize('NFC').length);
          expect(parsed.error.message).toMatch(/^line \d+, column \d+: /);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
