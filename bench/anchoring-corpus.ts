// The synthetic corpus of the anchoring benchmark (and of the anchoring cross-check test): a text of
// invented prose with repeated boilerplate sentences, quotes taken from it as an analyst would
// (a sentence, part of one, or two), random edits, the true place of every quote after them, and
// how an anchoring result is judged against that truth. Everything is drawn from a seeded
// generator, so a seed always gives the same corpus.
import type { AnchorResult, QuoteTarget } from '../core/anchoring/anchor.ts';
import { textTarget } from '../core/model/annotation.ts';

/** A seeded pseudo-random generator (mulberry32): `next()` is uniform in [0, 1). */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [low, high]. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

// ——— Text ———

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ren',
  'tas',
  'vel',
  'dor',
  'pin',
  'sul',
  'ber',
  'gan',
  'tho',
  'ris',
  'mun',
  'fel',
  'sa',
  'ne',
  'qui',
  'zo',
  'lar',
  'bri',
  'cos',
  'dal',
  'en',
  'fro',
  'gil',
  'hu',
  'ist',
  'jor',
  'kem',
  'lun',
  'mar',
  'nol',
  'or',
  'pel',
  'rad',
  'sten',
  'tur',
  'ul',
  'vos',
  'wen',
  'yar',
];
const FUNCTION_WORDS = [
  'the',
  'of',
  'and',
  'to',
  'in',
  'a',
  'that',
  'is',
  'was',
  'for',
  'on',
  'with',
  'as',
  'by',
  'said',
  'it',
  'from',
  'at',
  'has',
  'will',
  'not',
  'this',
  'would',
  'which',
  'be',
  'are',
  'were',
  'its',
  'an',
  'after',
];
const ACCENTED = ['café', 'naïve', 'Zürich', 'São', 'façade', 'Øresund', 'señal', 'Kraków'];

/** Invented words, most frequent first; a word's chance falls with its rank (Zipf). */
function vocabulary(random: Random, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    let word = '';
    for (let syllables = random.int(1, 4); syllables > 0; syllables--) word += random.pick(SYLLABLES);
    words.add(word);
  }
  return [...words];
}

export class ProseWriter {
  private readonly words: string[];
  private readonly cumulative: number[];
  private readonly random: Random;
  constructor(random: Random) {
    this.random = random;
    this.words = vocabulary(random, 3000);
    let total = 0;
    this.cumulative = this.words.map((_word, rank) => (total += 1 / (rank + 1)));
  }
  word(): string {
    const roll = this.random.next();
    if (roll < 0.4) return this.random.pick(FUNCTION_WORDS);
    if (roll < 0.405) return this.random.pick(ACCENTED);
    if (roll < 0.42) return String(this.random.int(2, 2099));
    const target = this.random.next() * this.cumulative.at(-1)!;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return this.words[low]!;
  }
  sentence(minWords = 6, maxWords = 28): string {
    const count = this.random.int(minWords, maxWords);
    const words: string[] = [];
    for (let index = 0; index < count; index++) words.push(this.word() + (index < count - 1 && this.random.next() < 0.08 ? ',' : ''));
    const first = words[0]!;
    words[0] = first[0]!.toUpperCase() + first.slice(1);
    const body = words.join(' ');
    return this.random.next() < 0.1 ? `“${body},” ${this.random.pick(['she', 'he', 'they'])} said.` : `${body}.`;
  }
  /** About `length` characters of running words (inserted text of an edit). */
  filler(length: number): string {
    let text = '';
    while (text.length < length) text += `${this.word()} `;
    return text.slice(0, length);
  }
}

export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly boilerplate: boolean;
}

export interface GeneratedDocument {
  readonly text: string;
  /** Every sentence in text order. */
  readonly sentences: readonly Sentence[];
}

/** Share of sentences drawn from the boilerplate pool (repeated all over the text). */
export const BOILERPLATE_SHARE = 0.12;
const BOILERPLATE_POOL = 200;

/** A text of about `length` characters: paragraphs of 3–8 sentences, 12% of them boilerplate (drawn from 200). */
export function generateDocument(seed: number, length: number): GeneratedDocument {
  const random = new Random(seed);
  const writer = new ProseWriter(random);
  // Boilerplate (disclaimers, bylines, standing explanations) runs longer than the prose around it.
  const pool = Array.from({ length: BOILERPLATE_POOL }, () => writer.sentence(12, 40));
  const parts: string[] = [];
  const sentences: Sentence[] = [];
  let offset = 0;
  while (offset < length) {
    for (let count = random.int(3, 8); count > 0; count--) {
      const boilerplate = random.next() < BOILERPLATE_SHARE;
      const sentence = boilerplate ? random.pick(pool) : writer.sentence();
      sentences.push({ start: offset, end: offset + sentence.length, boilerplate });
      parts.push(sentence);
      offset += sentence.length;
      const separator = count > 1 ? ' ' : '\n\n';
      parts.push(separator);
      offset += separator.length;
    }
  }
  return { text: parts.join(''), sentences };
}

/**
 * `count` annotation targets, each on the sentence at a random character of the text (an analyst's
 * attention follows the text, not the sentence count): the whole sentence (55%), a run of at least
 * five of its words (33%), or it and the next one (12%). `boilerplateOnly` draws from boilerplate
 * sentences only (whole or part).
 */
export function pickQuotes(document: GeneratedDocument, count: number, seed: number, { boilerplateOnly = false } = {}): QuoteTarget[] {
  const random = new Random(seed);
  const { text } = document;
  const sentences = boilerplateOnly ? document.sentences.filter((sentence) => sentence.boilerplate) : document.sentences;
  const targets: QuoteTarget[] = [];
  while (targets.length < count) {
    const position = boilerplateOnly ? random.int(0, sentences.length - 1) : sentenceAt(sentences, random.int(0, text.length - 1));
    const sentence = sentences[position]!;
    const roll = random.next();
    let start = sentence.start;
    let end = sentence.end;
    if (roll < 0.33) {
      const spaces: number[] = [];
      for (let index = start; index < end; index++) if (text[index] === ' ') spaces.push(index);
      if (spaces.length < 8) continue;
      const from = random.int(0, spaces.length - 6);
      const to = random.int(from + 5, spaces.length - 1);
      start = from === 0 ? sentence.start : spaces[from]! + 1;
      end = spaces[to]!;
    } else if (roll < 0.45 && !boilerplateOnly) {
      const next = sentences[position + 1];
      if (next === undefined || text.slice(sentence.end, next.start) !== ' ') continue;
      end = next.end;
    }
    targets.push(textTarget(text, start, end));
  }
  return targets;
}

/** The index of the sentence that contains (or precedes) `offset`. */
function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let low = 0;
  let high = sentences.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (sentences[middle]!.start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Share of `targets` whose quote occurs more than once in `text`. */
export function repeatedQuoteShare(text: string, targets: readonly QuoteTarget[]): number {
  let repeated = 0;
  for (const { exact, start } of targets) {
    const first = text.indexOf(exact);
    if (first !== start || text.indexOf(exact, first + 1) !== -1) repeated++;
  }
  return repeated / targets.length;
}

// ——— Edits ———

/** One edit of the old text: `[at, at + deleted)` replaced by `inserted`. */
export interface Edit {
  readonly at: number;
  readonly deleted: number;
  readonly inserted: string;
}

export interface EditedText {
  readonly text: string;
  /** Non-overlapping, in text order, in old-text offsets. */
  readonly edits: readonly Edit[];
}

/** Mean size of one edit: sizes are uniform in 1–40. */
const MEAN_EDIT = 20.5;

/**
 * Random insertions, deletions and replacements (a third each) of 1–40 characters at uniformly
 * random places, about `rate` × the text's length characters in all (rate 0.01: "1% edits"). A
 * replacement deletes 1–40 characters and inserts 1–40 others (lengths drawn independently).
 */
export function editText(text: string, rate: number, seed: number): EditedText {
  const random = new Random(seed);
  const writer = new ProseWriter(random);
  const count = Math.round((rate * text.length) / MEAN_EDIT);
  const places = Array.from({ length: count }, () => random.int(0, text.length)).sort((a, b) => a - b);
  const edits: Edit[] = [];
  let end = 0;
  for (const at of places) {
    if (at < end) continue; // overlaps the previous edit: dropped (rare at these rates)
    const kind = random.int(0, 2);
    const deleted = kind === 0 ? 0 : Math.min(random.int(1, 40), text.length - at);
    const inserted = kind === 1 ? '' : writer.filler(random.int(1, 40));
    edits.push({ at, deleted, inserted });
    end = at + deleted + 1;
  }
  return { text: applyEdits(text, edits), edits };
}

/** `text` with `edits` (in order, not overlapping) applied. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const parts: string[] = [];
  let copied = 0;
  for (const { at, deleted, inserted } of edits) {
    parts.push(text.slice(copied, at), inserted);
    copied = at + deleted;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

export interface TrueSpan {
  readonly start: number;
  readonly end: number;
  /** Characters deleted from the quote plus characters inserted into it: a bound on its edit distance. */
  readonly changed: number;
}

/**
 * Where spans of the old text are after `edits`: what is left of the quote, with what was
 * inserted inside it. A deletion or replacement straddling a boundary moves the boundary to the
 * first (or last) character of the quote that is left, its replacement text staying outside; so
 * does an insertion exactly at a boundary. A span deleted whole becomes empty.
 */
export class EditMap {
  /** Net length change of the edits before each one. */
  private readonly shiftBefore: number[];
  private readonly edits: readonly Edit[];
  constructor(edits: readonly Edit[]) {
    this.edits = edits;
    let shift = 0;
    this.shiftBefore = edits.map(({ deleted, inserted }) => {
      const before = shift;
      shift += inserted.length - deleted;
      return before;
    });
    this.shiftBefore.push(shift);
  }

  span(start: number, end: number): TrueSpan {
    // Edits that end at or before the start shift it; one that deleted it moves it past its replacement.
    const first = this.count((edit) => edit.at + edit.deleted <= start);
    const atStart = this.edits[first];
    const newStart =
      atStart !== undefined && atStart.at <= start
        ? atStart.at + this.shiftBefore[first]! + atStart.inserted.length
        : start + this.shiftBefore[first]!;
    // Edits that end before the end shift it; one that deleted it moves it before its replacement.
    const last = this.count((edit) => edit.at + edit.deleted < end);
    const atEnd = this.edits[last];
    const newEnd = atEnd !== undefined && atEnd.at < end ? atEnd.at + this.shiftBefore[last]! : end + this.shiftBefore[last]!;
    let changed = 0;
    for (let index = first; index <= last && index < this.edits.length; index++) {
      const { at, deleted, inserted } = this.edits[index]!;
      changed += Math.max(0, Math.min(end, at + deleted) - Math.max(start, at));
      if (at > start && at + deleted < end) changed += inserted.length;
    }
    return { start: newStart, end: Math.max(newStart, newEnd), changed };
  }

  /** How many edits (a prefix of them, as they are in order) satisfy `before`. */
  private count(before: (edit: Edit) => boolean): number {
    let low = 0;
    let high = this.edits.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(this.edits[middle]!)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

// ——— Judging ———

/**
 * A result is `recovered` when its span covers at least this share of the quote's true edited
 * location, `wrong` when it is anchored but covers less (or the quote was deleted whole).
 */
export const RECOVERED_OVERLAP = 0.5;

export type Verdict = 'recovered' | 'wrong' | 'orphaned';

/** Judges one result against the quote's true place in the new text. */
export function judge(result: AnchorResult, truth: { start: number; end: number }): Verdict {
  if (result.state === 'orphaned') return 'orphaned';
  const length = truth.end - truth.start;
  if (length <= 0) return 'wrong';
  const overlap = Math.min(result.end, truth.end) - Math.max(result.start, truth.start);
  return overlap >= RECOVERED_OVERLAP * length ? 'recovered' : 'wrong';
}
