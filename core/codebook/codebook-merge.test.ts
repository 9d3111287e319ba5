import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Codebook, type Tag } from '../model/codebook.ts';
import { codebookFromCsv, codebookToCsv } from './codebook-csv.ts';
import { mergeCodebook } from './codebook-merge.ts';
import { codebookFromQdc, codebookToQdc } from './refi-qdc.ts';

// Without the GUIDs it ships with: these tests are about tags that have none (and CSV carries none).
const defaultCodebook = Codebook.parse({
  tags: (JSON.parse(readFileSync(new URL('../../resources/codebook/default-codebook.json', import.meta.url), 'utf8')) as Codebook).tags.map(
    ({ guid: _guid, ...tag }) => tag,
  ),
});

const GUID_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const GUID_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

function tag(id: string, more: Partial<Tag> = {}): Tag {
  return { id, name: id.toUpperCase(), color: '#112233', description: '', ...more };
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('mergeCodebook', () => {
  it('merging a codebook into itself changes nothing', () => {
    const merged = mergeCodebook(defaultCodebook, defaultCodebook);
    expect(merged.codebook).toStrictEqual(defaultCodebook);
    expect(merged).toMatchObject({ added: [], updated: [] });
    expect(merged.unchanged).toEqual(defaultCodebook.tags.map((tag) => tag.id));
  });

  it('a .qdc round trip merged back restores every id and shortcut, and adopts the GUIDs', () => {
    const guidFor = (id: string): string =>
      `00000000-0000-4000-8000-${id.length.toString().padStart(4, '0')}${(id.charCodeAt(0) * 31 + id.length).toString(16).padStart(8, '0')}`;
    const exported = unwrap(codebookFromQdc(codebookToQdc(defaultCodebook, { origin: 'test', guidFor })));
    expect(exported.tags.map((tag) => tag.id)).toContain('social-media-post'); // the format has no ids

    const merged = mergeCodebook(defaultCodebook, exported);
    expect(merged.codebook.tags.map(({ guid: _, ...tag }) => tag)).toStrictEqual(defaultCodebook.tags);
    expect(merged.codebook.tags.every((tag) => tag.guid === guidFor(tag.id))).toBe(true);
    expect(merged.added).toEqual([]);
    expect(merged.updated).toEqual(defaultCodebook.tags.map((tag) => tag.id)); // each gained a GUID

    const again = mergeCodebook(merged.codebook, exported);
    expect(again.codebook).toStrictEqual(merged.codebook);
    expect(again.unchanged).toHaveLength(defaultCodebook.tags.length);
  });

  it('a CSV round trip merged back is unchanged', () => {
    const merged = mergeCodebook(defaultCodebook, unwrap(codebookFromCsv(codebookToCsv(defaultCodebook))));
    expect(merged.codebook).toStrictEqual(defaultCodebook);
    expect(merged.unchanged).toHaveLength(defaultCodebook.tags.length);
  });

  it('matches by GUID first, even when id and name changed', () => {
    const current = { tags: [tag('a', { guid: GUID_A }), tag('renamed')] };
    const incoming = { tags: [tag('renamed', { name: 'New name', guid: GUID_A.toUpperCase(), color: '#abcdef' })] };
    const merged = mergeCodebook(current, incoming);
    expect(merged.codebook.tags).toStrictEqual([tag('a', { guid: GUID_A, name: 'New name', color: '#abcdef' }), tag('renamed')]);
    expect(merged).toMatchObject({ added: [], updated: ['a'], unchanged: [] });
  });

  it('matches by id, then by name (any case) only under the same parent', () => {
    const current = {
      tags: [
        tag('top'),
        tag('other'),
        tag('quote', { parentId: 'top', name: 'Quote' }),
        tag('event', { parentId: 'other', name: 'Event' }),
      ],
    };
    const incoming = {
      tags: [
        tag('top', { description: 'by id' }),
        tag('anything', { parentId: 'top', name: 'QUOTE', description: 'by name' }),
        tag('elsewhere', { name: 'event', description: 'a root, but Event is under Other' }),
      ],
    };
    const merged = mergeCodebook(current, incoming);
    expect(merged.codebook.tags).toStrictEqual([
      tag('top', { description: 'by id' }),
      tag('other'),
      tag('quote', { parentId: 'top', name: 'QUOTE', description: 'by name' }),
      tag('event', { parentId: 'other', name: 'Event' }),
      tag('elsewhere', { name: 'event', description: 'a root, but Event is under Other' }),
    ]);
    expect(merged).toMatchObject({ added: ['elsewhere'], updated: ['top', 'quote'], unchanged: [] });
  });

  it('never deletes a tag, and matches an existing tag at most once', () => {
    const current = { tags: [tag('a'), tag('b'), tag('used-by-annotations')] };
    const incoming = { tags: [tag('a', { name: 'First' }), tag('second', { name: 'a' })] };
    const merged = mergeCodebook(current, incoming);
    expect(merged.codebook.tags.map((tag) => [tag.id, tag.name])).toEqual([
      ['a', 'First'],
      ['b', 'B'],
      ['used-by-annotations', 'USED-BY-ANNOTATIONS'],
      ['second', 'a'],
    ]);
  });

  it('adds new tags under their merged parent with ids that do not collide', () => {
    const GUID_C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
    const current = { tags: [tag('claims', { guid: GUID_A }), tag('quote', { guid: GUID_C })] };
    const incoming = {
      tags: [
        tag('direct', { name: 'Direct quote', parentId: 'top', guid: GUID_C }), // the existing quote, by GUID
        tag('top', { name: 'CLAIMS', guid: GUID_A }), // the existing claims, by GUID
        tag('quote', { parentId: 'top', guid: GUID_B }), // new: the existing quote is taken
        tag('quote-2', { name: 'Also new', parentId: 'quote' }), // new, and its id is taken by now
      ],
    };
    const merged = mergeCodebook(current, incoming);
    expect(merged.codebook.tags).toStrictEqual([
      tag('claims', { guid: GUID_A }),
      tag('quote', { name: 'Direct quote', parentId: 'claims', guid: GUID_C }),
      tag('quote-2', { name: 'QUOTE', parentId: 'claims', guid: GUID_B }),
      tag('quote-2-2', { name: 'Also new', parentId: 'quote-2' }),
    ]);
    expect(merged).toStrictEqual({ codebook: merged.codebook, added: ['quote-2', 'quote-2-2'], updated: ['quote'], unchanged: ['claims'] });
  });

  it('keeps an incoming shortcut only when no other tag uses it, and keeps its own otherwise', () => {
    const current = { tags: [tag('a', { shortcut: '1' }), tag('b', { shortcut: '2' }), tag('c')] };
    const incoming = {
      tags: [
        tag('a', { shortcut: '2' }), // 2 is b's: a keeps 1
        tag('b'), // no shortcut (as from a .qdc): b keeps 2
        tag('c', { shortcut: '3' }), // free: taken
        tag('d', { shortcut: '1' }), // new, 1 is a's: none
        tag('e', { shortcut: '4' }), // new and free
      ],
    };
    const merged = mergeCodebook(current, incoming);
    expect(merged.codebook.tags.map((tag) => [tag.id, tag.shortcut ?? null])).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', null],
      ['e', '4'],
    ]);
  });

  it('takes a reversed hierarchy, listed children first, without a moment of loop', () => {
    const current = { tags: [tag('a'), tag('b', { parentId: 'a' }), tag('c', { parentId: 'b' })] };
    const incoming = { tags: [tag('a', { parentId: 'c' }), tag('b', { parentId: 'a' }), tag('c')] };
    const merged = mergeCodebook(current, incoming);
    expect(merged.codebook.tags.map((tag) => [tag.id, tag.parentId ?? null])).toEqual([
      ['a', 'c'],
      ['b', 'a'],
      ['c', null],
    ]);
    expect(Codebook.safeParse(merged.codebook).success).toBe(true);
  });

  it('does not let an incoming loop of parents into the codebook', () => {
    // A file that would make a loop: c under a and a under c. (Importers refuse such files; merge
    // must hold anyway.) c comes first and keeps its parent, as its incoming one is not placed yet;
    // a under c would be inside itself, so a keeps its parent too.
    const current = { tags: [tag('a'), tag('b', { parentId: 'a' }), tag('c', { parentId: 'b' })] };
    const looped: Codebook = { tags: [tag('c', { parentId: 'a' }), tag('a', { parentId: 'c' })] };
    expect(Codebook.safeParse(looped).success).toBe(false);
    const merged = mergeCodebook(current, looped);
    expect(merged.codebook).toStrictEqual(current);
    expect(merged).toMatchObject({ added: [], updated: [], unchanged: ['a', 'c'] });
    expect(Codebook.safeParse(merged.codebook).success).toBe(true);

    // A new tag in a loop with an existing one: the existing tag would end up inside itself.
    const intoItself: Codebook = { tags: [tag('a', { parentId: 'x' }), tag('x', { parentId: 'a' })] };
    const second = mergeCodebook(current, intoItself);
    expect(second.codebook.tags.map((tag) => [tag.id, tag.parentId ?? null])).toEqual([
      ['a', null],
      ['b', 'a'],
      ['c', 'b'],
      ['x', 'a'],
    ]);
    expect(second).toMatchObject({ added: ['x'], unchanged: ['a'] });
  });

  it('does not give a new tag a GUID another tag has', () => {
    const merged = mergeCodebook(
      { tags: [tag('a', { guid: GUID_A })] },
      { tags: [tag('a', { guid: GUID_B }), tag('z', { guid: GUID_A })] },
    );
    // a matches by id and keeps its own GUID; z would duplicate it, so it comes without one.
    expect(merged.codebook.tags).toStrictEqual([tag('a', { guid: GUID_A }), tag('z')]);
  });
});
