import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCheckThatTsv } from '../archive/checkthat-tsv.ts';
import { createMatcher } from './matcher.ts';
import { matchSentences } from './match-sentences.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../tests/fixtures/claim-retrieval');
const archive = parseCheckThatTsv(readFileSync(path.join(FIXTURE, 'verified_claims.docs.tsv'), 'utf8'));
if (!archive.ok) throw new Error(archive.error.message);
const matcher = createMatcher(
  archive.value.map((entry) => ({ id: entry.id, text: entry.claim, ...(entry.title ? { title: entry.title } : {}) })),
);
const gold = new Map(
  readFileSync(path.join(FIXTURE, 'tweet-vclaim-pairs.qrels'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => [line.split('\t')[0], line.split('\t')[2]]),
);
const tweets = readFileSync(path.join(FIXTURE, 'tweets.queries.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)] as const);

describe('createMatcher', () => {
  it('ranks the gold claim first for most tweets of the fixture slice', () => {
    const first = tweets.filter(([id, text]) => matcher.match(text)[0]?.id === gold.get(id)).length;
    expect(first / tweets.length).toBeGreaterThanOrEqual(0.8);
  });

  it.each<[string, string, string, 'strong' | 'suggestion']>([
    [
      'the claim nearly word for word',
      'Officials say 122 detainees released from Guantanamo Bay under President Obama re-engaged in terrorist activities',
      '0',
      'strong',
    ],
    ['the same, under 8 words', 'Guantanamo detainees released by Obama re-engaged', '0', 'suggestion'],
  ])('%s: level', (_name, text, id, level) => {
    const [best] = matcher.match(text);
    expect(best?.id).toBe(id);
    expect(best?.level).toBe(level);
  });

  it('finds nothing for a text that shares no word', () => {
    expect(matcher.match('zxqv wvut')).toEqual([]);
  });

  it('matches an article sentence by sentence, with offsets', () => {
    const text =
      'Weather was fine.\n\nOfficials said 122 detainees released from Guantanamo under Obama have re-engaged in terrorist activities.';
    const [found] = matchSentences(matcher, text);
    expect(found && text.slice(found.start, found.end)).toMatch(/^Officials said 122/);
    expect(found?.matches[0]?.id).toBe('0');
  });
});
