// mergeById on small records, one row per rule: what is added, skipped, kept, replaced or copied,
// and what a dry run (planning) leaves alone.
import { describe, expect, it } from 'vitest';
import { mergeById } from './merge-by-id.ts';
import type { MergeTally, Resolution } from './merge-types.ts';

interface Item {
  readonly id: string;
  readonly value: number;
}

const parse = (list: string): Item[] =>
  list === '' ? [] : list.split(' ').map((item) => ({ id: item.split(':')[0]!, value: Number(item.split(':')[1]) }));
const show = (items: readonly Item[]) => items.map((item) => `${item.id}:${item.value}`).join(' ');
const tally = (counts: Partial<MergeTally>): MergeTally => ({ added: 0, skipped: 0, replaced: 0, kept: 0, duplicated: 0, ...counts });

interface Case {
  readonly mine: string;
  readonly theirs: string;
  /** The choice for every conflict (a record whose value differs from mine's). */
  readonly choice?: Resolution;
  /** Records whose value this workspace has under any id count as here. */
  readonly byValue?: boolean;
  readonly dryRun?: boolean;
  readonly records: string;
  readonly tally: MergeTally;
  readonly copies?: Record<string, string>;
}

const cases: Record<string, Case> = {
  'a new id is added at the end': { mine: 'a:1', theirs: 'b:2', records: 'a:1 b:2', tally: tally({ added: 1 }) },
  'the same record is skipped': { mine: 'a:1 b:2', theirs: 'b:2', records: 'a:1 b:2', tally: tally({ skipped: 1 }) },
  'a new id for a record this workspace has under another id is skipped': {
    mine: 'a:1',
    theirs: 'b:1 c:3',
    byValue: true,
    records: 'a:1 c:3',
    tally: tally({ skipped: 1, added: 1 }),
  },
  'a conflict kept mine stays as it was': { mine: 'a:1', theirs: 'a:2', choice: 'mine', records: 'a:1', tally: tally({ kept: 1 }) },
  'a conflict taking theirs replaces mine in place': {
    mine: 'a:1 c:3',
    theirs: 'a:2',
    choice: 'theirs',
    records: 'a:2 c:3',
    tally: tally({ replaced: 1 }),
  },
  'a conflict kept both adds theirs under a new id, asking again while the id is taken': {
    mine: 'a:1 n1:5',
    theirs: 'a:2',
    choice: 'both',
    records: 'a:1 n1:5 n2:2',
    tally: tally({ duplicated: 1 }),
    copies: { a: 'n2' },
  },
  'their record repeated: the second meets the first': {
    mine: '',
    theirs: 'b:1 b:2',
    choice: 'theirs',
    records: 'b:2',
    tally: tally({ added: 1, replaced: 1 }),
  },
  'a dry run counts and asks, and changes nothing': {
    mine: 'a:1',
    theirs: 'a:2 b:2',
    choice: 'both',
    dryRun: true,
    records: 'a:1',
    tally: tally({ duplicated: 1, added: 1 }),
  },
  'a dry run compares their records with mine alone': {
    mine: '',
    theirs: 'b:1 b:2',
    choice: 'theirs',
    dryRun: true,
    records: '',
    tally: tally({ added: 2 }),
  },
};

describe('mergeById', () => {
  it.each(Object.entries(cases))('%s', (_name, { mine, theirs, choice, byValue, dryRun, records, tally: expected, copies = {} }) => {
    const ids = ['n1', 'n2', 'n3'];
    const mineItems = parse(mine);
    const merged = mergeById({
      mine: mineItems,
      theirs: parse(theirs),
      newId: () => ids.shift()!,
      choiceOf: (own, incoming) => (own.value === incoming.value ? undefined : choice),
      ...(byValue === true ? { isHere: (incoming: Item) => mineItems.some((item) => item.value === incoming.value) } : {}),
      ...(dryRun === true ? { dryRun } : {}),
    });
    expect(show(merged.records)).toBe(records);
    expect(merged.tally).toEqual(expected);
    expect(Object.fromEntries(merged.copies)).toEqual(copies);
  });

  it('tells onPut of each record put and the one it replaced, so that indexes beside the list follow', () => {
    const puts: string[] = [];
    mergeById({
      mine: parse('a:1 b:1'),
      theirs: parse('a:2 b:2 c:3'),
      newId: () => 'copy',
      choiceOf: (own) => (own.id === 'a' ? 'theirs' : 'both'),
      onPut: (record, replaced) => puts.push(`${show([record])}${replaced ? ` for ${show([replaced])}` : ''}`),
    });
    expect(puts).toEqual(['a:2 for a:1', 'copy:2', 'c:3']);
  });
});
