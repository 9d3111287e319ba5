// The claim-suggestion benchmark (issue 21). Quality: suggestClaims against the hand-labelled gold
// set (tests/fixtures/suggest-gold), DEV and TEST halves apart, per kind: precision, recall, F1 and
// speaker accuracy, with a naive baseline scored the same way in the same run. Speed: tokens per
// second end to end on a ~5 MB text made by repeating the gold documents with names and numbers
// varied, against wink-nlp's own readDoc tokenisation of the same text, alternating the two.
// `node bench/suggest.ts` prints the JSON; progress goes to stderr.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { suggestClaims } from '../core/suggest/index.ts';
import type { Suggestion, SuggestionKind } from '../core/suggest/index.ts';

const GOLD_DIR = path.resolve(import.meta.dirname, '../tests/fixtures/suggest-gold');
const TARGET_BYTES = 5_000_000;
const SPEED_ROUNDS = 3;
const KINDS: readonly SuggestionKind[] = ['attributed', 'quote', 'figure', 'prediction'];

interface Gold {
  readonly start: number;
  readonly end: number;
  readonly kind: SuggestionKind;
  readonly speaker?: string;
}

interface Scored {
  readonly start: number;
  readonly end: number;
  readonly kind: SuggestionKind;
  readonly speaker?: string;
}

interface GoldDocument {
  readonly name: string;
  readonly text: string;
  readonly claims: readonly Gold[];
}

const DEFINITIONS = {
  match:
    'A suggestion matches a gold claim of the same kind when it covers at least half of the gold span and is at most three times its length; each gold claim and each suggestion is matched at most once (the largest overlap first).',
  attributedAndQuote:
    'Attributed statements and quotes as one class: a quote suggested where the gold says attributed (or the reverse) counts.',
  speakerAccuracy:
    'Among matched attributed and quote suggestions whose gold claim names a speaker: the share whose speaker equals the gold one, both lower-cased, without a leading article and punctuation. "Ortiz" for "Elena Ortiz" counts as wrong.',
  baseline:
    'Naive rules: every sentence with a reporting verb from a fixed list is attributed (speaker: the capitalised words before the verb); every text between quotation marks is a quote (same speaker rule); every digit run is a figure; every sentence with will/would/could/may/might is a prediction.',
  speed: `Tokens (wink-nlp's count) per second, wall clock, median of ${SPEED_ROUNDS} rounds alternating suggestClaims on the whole text with wink-nlp readDoc of the same text with an empty pipeline (tokenisation only), after one warm-up of each.`,
} as const;

function loadGold(): GoldDocument[] {
  return readdirSync(GOLD_DIR)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.txt$/u, '');
      const text = readFileSync(path.join(GOLD_DIR, file), 'utf8');
      const { claims } = JSON.parse(readFileSync(path.join(GOLD_DIR, `${name}.json`), 'utf8')) as { claims: Gold[] };
      return { name, text, claims };
    });
}

function normaliseSpeaker(speaker: string | undefined): string {
  return (speaker ?? '')
    .toLowerCase()
    .replace(/[“”"'’.,]/gu, '')
    .replace(/^(?:the|a|an)\s+/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

function overlap(a: Scored, b: Scored): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function matches(suggestion: Scored, gold: Scored): boolean {
  const goldLength = gold.end - gold.start;
  return overlap(suggestion, gold) >= goldLength / 2 && suggestion.end - suggestion.start <= 3 * goldLength;
}

/** Greedy one-to-one matching, largest overlap first. */
function match(suggestions: readonly Scored[], gold: readonly Scored[]): [Scored, Scored][] {
  const pairs: { s: Scored; g: Scored; o: number }[] = [];
  for (const s of suggestions) for (const g of gold) if (matches(s, g)) pairs.push({ s, g, o: overlap(s, g) });
  pairs.sort((a, b) => b.o - a.o);
  const usedS = new Set<Scored>();
  const usedG = new Set<Scored>();
  const result: [Scored, Scored][] = [];
  for (const { s, g } of pairs) {
    if (usedS.has(s) || usedG.has(g)) continue;
    usedS.add(s);
    usedG.add(g);
    result.push([s, g]);
  }
  return result;
}

interface Counts {
  suggested: number;
  gold: number;
  matched: number;
  speakerChecked: number;
  speakerRight: number;
}

const emptyCounts = (): Counts => ({ suggested: 0, gold: 0, matched: 0, speakerChecked: 0, speakerRight: 0 });

function tally(
  counts: Counts,
  suggestions: readonly Scored[],
  gold: readonly Scored[],
  speakers: boolean,
  misses?: string[],
  text?: string,
): void {
  const pairs = match(suggestions, gold);
  counts.suggested += suggestions.length;
  counts.gold += gold.length;
  counts.matched += pairs.length;
  if (speakers) {
    for (const [s, g] of pairs) {
      if (g.speaker === undefined) continue;
      counts.speakerChecked++;
      if (normaliseSpeaker(s.speaker) === normaliseSpeaker(g.speaker)) counts.speakerRight++;
      else
        misses?.push(`speaker ${JSON.stringify(s.speaker)} for ${JSON.stringify(g.speaker)}: ${text?.slice(g.start, g.end).slice(0, 60)}`);
    }
  }
  if (misses && text) {
    const matchedGold = new Set(pairs.map(([, g]) => g));
    const matchedSuggestions = new Set(pairs.map(([s]) => s));
    for (const g of gold) if (!matchedGold.has(g)) misses.push(`missed ${g.kind}: ${text.slice(g.start, g.end).slice(0, 70)}`);
    for (const s of suggestions) if (!matchedSuggestions.has(s)) misses.push(`extra ${s.kind}: ${text.slice(s.start, s.end).slice(0, 70)}`);
  }
}

function summary(counts: Counts, speakers: boolean): Record<string, number | null> {
  const precision = counts.suggested === 0 ? 0 : counts.matched / counts.suggested;
  const recall = counts.gold === 0 ? 0 : counts.matched / counts.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    gold: counts.gold,
    suggested: counts.suggested,
    matched: counts.matched,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    ...(speakers && {
      speakerAccuracy: counts.speakerChecked === 0 ? null : round(counts.speakerRight / counts.speakerChecked),
      speakersChecked: counts.speakerChecked,
    }),
  };
}

/** Scores one system over documents: per kind, attributed+quote together, and the misses. */
function score(
  documents: readonly GoldDocument[],
  suggest: (text: string) => readonly Scored[],
): { perKind: Record<string, unknown>; misses: string[] } {
  const perKind = Object.fromEntries(KINDS.map((kind) => [kind, emptyCounts()])) as Record<SuggestionKind, Counts>;
  const speech = emptyCounts();
  const misses: string[] = [];
  for (const document of documents) {
    const suggestions = suggest(document.text);
    for (const kind of KINDS) {
      const docMisses: string[] = [];
      tally(
        perKind[kind],
        suggestions.filter((s) => s.kind === kind),
        document.claims.filter((g) => g.kind === kind),
        kind === 'attributed' || kind === 'quote',
        docMisses,
        document.text,
      );
      misses.push(...docMisses.map((miss) => `${document.name}: ${miss}`));
    }
    const isSpeech = (x: Scored): boolean => x.kind === 'attributed' || x.kind === 'quote';
    tally(speech, suggestions.filter(isSpeech), document.claims.filter(isSpeech), true);
  }
  return {
    perKind: {
      attributedAndQuote: summary(speech, true),
      ...Object.fromEntries(KINDS.map((kind) => [kind, summary(perKind[kind], kind === 'attributed' || kind === 'quote')])),
    },
    misses,
  };
}

// --- The naive baseline ---------------------------------------------------------------------

const BASELINE_VERBS =
  /\b(?:said|says|told|tells|insists|insisted|warned|added|adds|states|stated|notes|noted|reports|reported|claimed|according to|estimates|wrote|writes)\b/u;
const BASELINE_MODALS = /\b(?:will|would|could|may|might)\b/u;

function naiveSpeaker(sentence: string, sentenceStart: number, text: string): string | undefined {
  const verb = BASELINE_VERBS.exec(sentence);
  const before = verb ? sentence.slice(0, verb.index) : sentence;
  const names = before.match(/(?:\p{Lu}[\p{L}'-]+\s+)*\p{Lu}[\p{L}'-]+/gu);
  void sentenceStart;
  void text;
  return names?.at(-1);
}

/** The baseline's suggestions for a text. */
export function naiveSuggestions(text: string): Scored[] {
  const found: Scored[] = [];
  for (const sentence of text.matchAll(/[^.!?\n]+[.!?]*["”]?/gu)) {
    const start = sentence.index;
    const end = start + sentence[0].length;
    const speaker = naiveSpeaker(sentence[0], start, text);
    if (BASELINE_VERBS.test(sentence[0])) found.push({ start, end, kind: 'attributed', ...(speaker !== undefined && { speaker }) });
    if (BASELINE_MODALS.test(sentence[0])) found.push({ start, end, kind: 'prediction' });
  }
  for (const quote of text.matchAll(/“([^”]+)”|"([^"]+)"/gu)) {
    const start = quote.index + 1;
    const line = text.slice(text.lastIndexOf('\n', start) + 1, start);
    const speaker = naiveSpeaker(
      line + text.slice(start, text.indexOf('\n', start) === -1 ? text.length : text.indexOf('\n', start)),
      0,
      text,
    );
    found.push({ start, end: start + quote[0].length - 2, kind: 'quote', ...(speaker !== undefined && { speaker }) });
  }
  for (const figure of text.matchAll(/\d[\d,.]*\d|\d/gu))
    found.push({ start: figure.index, end: figure.index + figure[0].length, kind: 'figure' });
  return found;
}

// --- Speed ------------------------------------------------------------------------------------

const VARIANT_NAMES = [
  'Ortiz',
  'Whitcombe',
  'Reyes',
  'Chen',
  'Andrade',
  'Tanaka',
  'Lindqvist',
  'Okafor',
  'Whitfield',
  'Volkova',
  'Droz',
  'Mendes',
  'Hale',
  'Rahman',
  'Osei',
];
const REPLACEMENTS = [
  'Moreau',
  'Castellanos',
  'Ivanova',
  'Nakamura',
  'Oyelaran',
  'Brennan',
  'Haugen',
  'Kowalski',
  'Fitzgerald',
  'Delacroix',
];

/** About `bytes` of text: the gold documents over and over, with surnames and numbers varied per copy. */
export function largeText(documents: readonly GoldDocument[], bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let copy = 0; length < bytes; copy++) {
    const document = documents[copy % documents.length]!;
    let text = document.text;
    const name = VARIANT_NAMES[copy % VARIANT_NAMES.length]!;
    text = text.split(name).join(REPLACEMENTS[copy % REPLACEMENTS.length]!);
    text = text.replace(/\d+/gu, (digits) => String((Number(digits) + copy) % 10 ** digits.length).padStart(digits.length, '1'));
    parts.push(text);
    length += text.length + 2;
  }
  return parts.join('\n\n');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function speed(documents: readonly GoldDocument[]): Record<string, unknown> {
  const text = largeText(documents, TARGET_BYTES);
  const tokenizer = winkNLP(model, []);
  const tokens = tokenizer.readDoc(text).tokens().length();
  const ours: number[] = [];
  const theirs: number[] = [];
  let suggestions = 0;
  let progressCalls = 0;
  for (let round = -1; round < SPEED_ROUNDS; round++) {
    process.stderr.write(`suggest speed round ${round + 1}/${SPEED_ROUNDS}\n`);
    let t = performance.now();
    suggestions = suggestClaims(text, { onProgress: () => progressCalls++ }).length;
    const oursMs = performance.now() - t;
    t = performance.now();
    tokenizer.readDoc(text).tokens().length();
    const theirsMs = performance.now() - t;
    if (round >= 0) {
      ours.push(oursMs);
      theirs.push(theirsMs);
    }
  }
  const oursMs = median(ours);
  const theirsMs = median(theirs);
  return {
    characters: text.length,
    bytesUtf8: Buffer.byteLength(text),
    tokens,
    suggestions,
    progressCallsPerRun: progressCalls / (SPEED_ROUNDS + 1),
    suggestClaims: { medianMs: Math.round(oursMs), samplesMs: ours.map(Math.round), tokensPerSecond: Math.round((tokens / oursMs) * 1000) },
    winkReadDocTokenisation: {
      medianMs: Math.round(theirsMs),
      samplesMs: theirs.map(Math.round),
      tokensPerSecond: Math.round((tokens / theirsMs) * 1000),
    },
    ratio: Math.round((oursMs / theirsMs) * 100) / 100,
    targets: { tokensPerSecond: 100_000, ratioAtMost: 3 },
  };
}

/** Runs the whole benchmark and returns its report. */
export async function suggestBenchmark(): Promise<object> {
  const documents = loadGold();
  const halves = { dev: documents.filter((d) => d.name.startsWith('dev-')), test: documents.filter((d) => d.name.startsWith('test-')) };
  const ours = (text: string): readonly Suggestion[] => suggestClaims(text);
  const quality = Object.fromEntries(
    Object.entries(halves).map(([half, docs]) => {
      const result = score(docs, ours);
      return [
        half,
        {
          documents: docs.map((d) => d.name),
          suggestClaims: result.perKind,
          baseline: score(docs, naiveSuggestions).perKind,
          misses: result.misses,
        },
      ];
    }),
  );
  return {
    definitions: DEFINITIONS,
    targets: { attributedAndQuote: { recall: 0.9, precision: 0.75 }, figure: { recall: 0.95 }, speakerAccuracy: 0.85 },
    quality,
    speed: process.env.SUGGEST_BENCH_SKIP_SPEED === '1' ? 'skipped' : speed(documents),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100), node: process.version },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await suggestBenchmark(), null, 2));
}
