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
  const covered = spansByCoder.map((spans) => coverage(spans, length));
  // A merge of the coders' sorted boundaries: at each step the nearest one among the coders
  // (the start of their next span, or the end of the one they are in) toggles their bit.
  const next = new Array<number>(coders).fill(0);
  const patterns = new Map<number, number>();
  let pattern = 0;
  let position = 0;
  for (;;) {
    let at = Infinity;
    let who = -1;
    for (let coder = 0; coder < coders; coder++) {
      const span = covered[coder]![next[coder]!];
      if (span === undefined) continue;
      const boundary = (pattern & (1 << coder)) !== 0 ? span.end : span.start;
      if (boundary < at) {
        at = boundary;
        who = coder;
      }
    }
    if (who < 0) break;
    if (at > position) patterns.set(pattern, (patterns.get(pattern) ?? 0) + at - position);
    position = at;
    pattern ^= 1 << who;
    if ((pattern & (1 << who)) === 0) next[who]!++;
  }
  if (length > position) patterns.set(pattern, (patterns.get(pattern) ?? 0) + length - position);
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
  return [...tally.patterns].map(([pattern, weight]) => ({
    values: Array.from({ length: tally.coders }, (_, coder) => (pattern & (1 << coder)) !== 0),
    weight,
  }));
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
