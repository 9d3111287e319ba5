// Character-level reliability data without a value per character: a sweep over the coders'
// span boundaries cuts the text into segments where no coder's value changes, and each segment
// adds its length to the count of its pattern (which coders cover it). A 30,000-character
// document with a few dozen spans becomes a handful of weighted units, whatever its length.
import type { FleissSubject } from './fleiss-kappa.ts';
import type { ReliabilityUnit } from './reliability-data.ts';
import { coverage, type Span } from './spans.ts';

/**
 * Characters per pattern: bit i of a pattern is set when coder i covers the character.
 * Every character is a unit every coder coded (covered or not), so no value is missing.
 */
export interface CharacterTally {
  readonly coders: number;
  /** pattern → characters; patterns with no character are absent. */
  readonly patterns: ReadonlyMap<number, number>;
}

/** Patterns are bits of a 32-bit integer, the sign bit left alone. */
export const MAX_CODERS = 31;

/**
 * The tally of one document of `length` characters, given each coder's spans (any order,
 * overlapping allowed; cut to the text).
 */
export function tallyCharacters(spansByCoder: readonly (readonly Span[])[], length: number): CharacterTally {
  const coders = spansByCoder.length;
  if (coders > MAX_CODERS) throw new RangeError(`at most ${MAX_CODERS} coders`);
  // Each coverage boundary toggles its coder's bit; coverage spans of one coder never touch, so
  // a position toggles a coder at most once and XOR order does not matter.
  const covered = spansByCoder.map((spans) => coverage(spans, length));
  const events = new Float64Array(covered.reduce((sum, spans) => sum + 2 * spans.length, 0));
  let count = 0;
  covered.forEach((spans, coder) => {
    for (const span of spans) {
      events[count++] = span.start * 32 + coder;
      events[count++] = span.end * 32 + coder;
    }
  });
  // A typed array sorts numerically, natively.
  events.sort();
  const patterns = new Map<number, number>();
  const add = (pattern: number, characters: number) => {
    if (characters > 0) patterns.set(pattern, (patterns.get(pattern) ?? 0) + characters);
  };
  let pattern = 0;
  let position = 0;
  for (const event of events) {
    const at = Math.floor(event / 32);
    add(pattern, at - position);
    position = at;
    pattern ^= 1 << event % 32;
  }
  add(pattern, length - position);
  return { coders, patterns };
}

/** Tallies added up: the characters of several documents as one pool of units. */
export function addTallies(coders: number, tallies: readonly CharacterTally[]): CharacterTally {
  const patterns = new Map<number, number>();
  for (const tally of tallies) {
    for (const [pattern, characters] of tally.patterns) patterns.set(pattern, (patterns.get(pattern) ?? 0) + characters);
  }
  return { coders, patterns };
}

/** True when some coder covers some character. */
export function anyMarked(tally: CharacterTally): boolean {
  for (const [pattern, characters] of tally.patterns) if (pattern !== 0 && characters > 0) return true;
  return false;
}

/** The tally as reliability data: one weighted unit per pattern, a coder's value true where it covers. */
export function tallyUnits(tally: CharacterTally): ReliabilityUnit<boolean>[] {
  return [...tally.patterns].map(([pattern, weight]) => ({ values: Array.from({ length: tally.coders }, (_, coder) => (pattern & (1 << coder)) !== 0), weight }));
}

/** The tally as Fleiss' table: per pattern, [coders not covering, coders covering]. */
export function tallySubjects(tally: CharacterTally): FleissSubject[] {
  return [...tally.patterns].map(([pattern, weight]) => {
    const covering = bitCount(pattern);
    return { counts: [tally.coders - covering, covering], weight };
  });
}

/** The 2×2 table of coders `first` and `second`: index 0 not covered, 1 covered; rows are `first`. */
export function tallyTable(tally: CharacterTally, first = 0, second = 1): number[][] {
  const table = [
    [0, 0],
    [0, 0],
  ];
  for (const [pattern, characters] of tally.patterns) {
    table[(pattern >> first) & 1]![(pattern >> second) & 1]! += characters;
  }
  return table;
}

function bitCount(value: number): number {
  let count = 0;
  for (let rest = value; rest !== 0; rest &= rest - 1) count++;
  return count;
}
