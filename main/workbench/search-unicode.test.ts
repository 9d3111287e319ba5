// Workspace search through the service on text with accents (typed precomposed or decomposed),
// CJK, emoji (astral, joined by ZWJ, flags) and combining marks: a phrase finds exactly what a
// brute-force scan of the stored text finds, the same documents and the same offsets (JS string
// indices of the stored NFC text), whether the documents and the query came in NFC or NFD.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { openWorkbench } from './open-workbench.ts';
import type { WorkbenchHost } from './workbench-service.ts';

/** Pieces the documents are made of; several are also the phrases searched. */
const PIECES = [
  'café',
  'cafe\u0301 au lait',
  'CAFÉ',
  'Ångström',
  'naïve',
  'Tiếng Việt',
  'e\u0301\u0302 twice marked',
  'Z\u0335\u0311algo',
  '水库的水位只有百分之十八',
  '東京都の水',
  '水',
  '💧 water',
  '👩‍👩‍👧 family',
  '🇺🇦🇺🇦',
  'a😀b',
  'हिन्दी',
  'ภาษาไทย',
  'العربية',
  'the reservoir',
  'The Reservoir',
];

const PHRASES = [
  'café',
  'cafe\u0301', // decomposed as typed: the query is read in NFC
  'CAFÉ',
  'Ångström'.normalize('NFD'),
  'ệ',
  'e\u0301\u0302',
  'Z\u0335\u0311algo',
  '水',
  '水位',
  '百分之十八',
  '東京',
  '💧',
  '👩‍👩‍👧',
  '🇺🇦',
  '😀b',
  'हिन्दी',
  'ภาษา',
  'العربية',
  'é 水',
  'the reservoir',
];

/** A small seeded generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Documents of pieces in a seeded order with spaces and punctuation; every third given in NFD. */
function documents(count: number): { title: string; text: string }[] {
  const next = random(19);
  return Array.from({ length: count }, (_, index) => {
    const parts: string[] = [];
    for (let i = 0; i < 6 + Math.floor(next() * 20); i++) parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
    const text = parts.join(next() < 0.5 ? ' ' : next() < 0.5 ? ', ' : '\n');
    return { title: `Doc ${index}`, text: index % 3 === 0 ? text.normalize('NFD') : text };
  });
}

/** Every occurrence of `phrase` in the stored texts, left to right, not overlapping; `fold`: lower case on both sides. */
function scan(texts: ReadonlyMap<string, string>, phrase: string, fold: boolean): string[] {
  const needle = fold ? phrase.toLowerCase() : phrase;
  const found: string[] = [];
  for (const [id, text] of texts) {
    const haystack = fold ? text.toLowerCase() : text;
    // Lower case keeps every offset in these texts (no "İ"): the scan's offsets are the text's.
    expect(haystack.length).toBe(text.length);
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length))
      found.push(`${id}:${at}-${at + needle.length}`);
  }
  return found.sort();
}

async function phraseHits(service: WorkbenchHost, phrase: string, matchCase: boolean): Promise<string[]> {
  const result = await service.search(`"${phrase}"`, { limit: 1000, hitsPerDocument: 10_000, matchCase });
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value.counts.exact).toBe(true);
  return result.value.groups.flatMap((group) => group.hits.map((hit) => `${hit.documentId}:${hit.start}-${hit.end}`)).sort();
}

describe('search through the service, on Unicode text', () => {
  it('finds what a brute-force scan of the stored text finds, for NFC and NFD input alike', () =>
    withTempDir(async (dir) => {
      const workbench = await openWorkbench(path.join(dir, 'ws'), {
        resourcesDir: RESOURCES_DIR,
        empty: true,
        service: { extractors: EXTRACTORS, indexOnOpen: true },
      });
      const { service } = workbench;
      const texts = new Map<string, string>();
      for (const { title, text } of documents(40)) {
        const imported = await service.importText(title, text);
        if (imported.status !== 'imported') throw new Error(JSON.stringify(imported));
        const stored = await service.getDocument(imported.documentId, 0);
        if (!stored.ok) throw new Error(stored.error.message);
        // Stored in NFC, whatever came in.
        expect(stored.value.text).toBe(text.normalize('NFC'));
        texts.set(imported.documentId, stored.value.text);
      }
      await service.searchReady();
      for (const phrase of PHRASES) {
        const nfc = phrase.normalize('NFC');
        const exact = scan(texts, nfc, false);
        expect(await phraseHits(service, phrase, true), `"${phrase}" (match case)`).toEqual(exact);
        expect(await phraseHits(service, phrase, false), `"${phrase}"`).toEqual(scan(texts, nfc, true));
        // The corpus holds every phrase somewhere: an empty answer proves nothing.
        expect(exact.length, `"${phrase}" occurs`).toBeGreaterThan(0);
      }
      await workbench.close();
    }));
});
