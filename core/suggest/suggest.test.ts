import { describe, expect, it } from 'vitest';
import { suggestClaims, suggestInChunks } from './suggest.ts';

const PARAGRAPH = 'Mayor Elena Ortiz said the city would need $10 billion. "We are ready," she said.';

describe('suggestClaims', () => {
  it('gives offsets into the text it was given, sorted by start', () => {
    const text = `Héadline\n\n${PARAGRAPH}\n\n${PARAGRAPH}`;
    const found = suggestClaims(text);
    expect(found.length).toBeGreaterThan(6);
    for (const suggestion of found) expect(text.slice(suggestion.start, suggestion.end)).toBe(suggestion.text);
    expect(found.map((s) => s.start)).toEqual([...found.map((s) => s.start)].sort((a, b) => a - b));
  });

  it('reports progress chunk by chunk up to the whole text', () => {
    const text = Array.from({ length: 50 }, () => PARAGRAPH).join('\n\n');
    const progress: number[] = [];
    suggestClaims(text, { chunkSize: 500, onProgress: ({ done, total }) => progress.push(done / total) });
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('finds the same in chunks as in one go', () => {
    const text = Array.from({ length: 20 }, () => PARAGRAPH).join('\n\n');
    const chunked = [...suggestInChunks(text, { chunkSize: 300 })].flatMap((step) => step.suggestions);
    expect(chunked).toEqual(suggestClaims(text, { chunkSize: 1e9 }));
  });

  it('returns nothing for an empty text', () => {
    expect(suggestClaims('')).toEqual([]);
  });
});
