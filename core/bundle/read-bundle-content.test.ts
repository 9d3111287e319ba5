// What readBundleContent refuses on its own (main/bundle/import-bundle.test.ts and the round-trip
// property test cover whole bundles): annotations.jsonld read line by line only when that is
// exactly the JSON it would read whole.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readBundleContent } from './read-bundle-content.ts';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function files(annotations: string) {
  const texts = new Map<string, string>([
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
});
