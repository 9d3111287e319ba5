// Which reader an archive file goes to: its extension first, its content when the extension says nothing.
import { describe, expect, it } from 'vitest';
import { detectArchiveFormat } from './read-archive-file.ts';

describe('detectArchiveFormat', () => {
  it.each([
    ['feed.json', '', 'claimreview'],
    ['feed.JSONLD', '', 'claimreview'],
    ['desk.csv', '{"looks": "like JSON"}', 'csv'],
    ['verified_claims.docs.tsv', '', 'checkthat'],
    ['feed.txt', '\uFEFF  [{"@type": "ClaimReview"}]', 'claimreview'],
    ['feed', '{"@graph": []}', 'claimreview'],
    ['claims.txt', '\tvclaim\ttitle\n0\tA claim.\tA title', 'checkthat'],
    ['claims.txt', 'id,claim\n1,"A claim, with\ta tab"', 'csv'],
    ['notes.md', 'Some notes', 'csv'],
  ] as const)('%s (%j) is %s', (file, text, format) => {
    expect(detectArchiveFormat(file, text)).toBe(format);
  });
});
