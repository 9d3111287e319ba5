// What readBundleContent refuses on its own (main/bundle/import-bundle.test.ts and the round-trip
// property test cover whole bundles): annotations.jsonld read line by line only when that is
// exactly the JSON it would read whole.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readBundleContent } from './read-bundle-content.ts';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function files(annotations: string, more: readonly [string, string][] = []) {
  const texts = new Map<string, string>([
    ...more,
    ['annotations.jsonld', annotations],
    ['codebook.json', '{"tags":[]}'],
    ['claims.json', '{"claims":[],"verdictScale":[{"id":"true","label":"True","color":"#00aa00"}]}'],
    [
      'settings.json',
      '{"workspace":"W","statuses":[{"id":"unverified","label":"Unverified","color":"#888888"}],"verdictScale":[{"id":"true","label":"True","color":"#00aa00"}]}',
    ],
  ]);
  return { paths: [...texts.keys()], text: (path: string) => texts.get(path), sha256Hex };
}

const HEAD =
  '{"@context":["http://www.w3.org/ns/anno.jsonld"],"type":"AnnotationCollection","first":{"type":"AnnotationPage","startIndex":0,"items":[';

describe('readBundleContent', () => {
  it('reads an empty collection in the one-per-line layout and pretty-printed alike', async () => {
    expect((await readBundleContent(files(`${HEAD}\n]}}\n`))).ok).toBe(true);
    expect((await readBundleContent(files(JSON.stringify(JSON.parse(`${HEAD}]}}`), null, 2)))).ok).toBe(true);
  });

  it.each([
    ['two items without the comma between them', `${HEAD}\n{"id":"x"}\n{"id":"y"}\n]}}`],
    ['a comma after the last item', `${HEAD}\n{"id":"x"},\n]}}`],
  ])('does not take %s for JSON', async (_name, text) => {
    const read = await readBundleContent(files(text));
    expect(read).toMatchObject({ ok: false, error: { code: 'invalid' } });
    if (!read.ok) expect(read.error.message).toMatch(/^annotations\.jsonld: not valid JSON/);
  });

  it("takes a text hash the caller knows (the manifest's) instead of hashing the text, and refuses a document it does not match", async () => {
    const text = 'The minister said 40% of voters\u2026';
    const meta = {
      id: 'd1',
      title: 'D1',
      format: 'text',
      importedAt: '2026-11-01T00:00:00.000Z',
      importedFrom: '/in/d1.txt',
      textHash: sha256Hex(text),
      tags: [],
    };
    const document: [string, string][] = [
      ['documents/d1.json', JSON.stringify({ meta })],
      ['documents/d1.txt', text],
    ];
    const hashed: string[] = [];
    const counting = (input: string) => (hashed.push(input), sha256Hex(input));
    const known = (hash: string) => (path: string) => (path === 'documents/d1.txt' ? hash : undefined);
    const read = await readBundleContent({ ...files(`${HEAD}\n]}}\n`, document), sha256Hex: counting, textHash: known(sha256Hex(text)) });
    expect(read).toMatchObject({ ok: true, value: { documents: [{ meta: { id: 'd1' }, text }] } });
    expect(hashed).toEqual([]);
    const wrong = await readBundleContent({ ...files(`${HEAD}\n]}}\n`, document), textHash: known(sha256Hex('another text')) });
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'invalid', message: 'documents/d1.txt: its text does not hash to the textHash of its document' },
    });
    // Without a known hash, the text is hashed.
    expect(await readBundleContent({ ...files(`${HEAD}\n]}}\n`, document), sha256Hex: counting })).toMatchObject({ ok: true });
    expect(hashed).toEqual([text]);
  });
});
