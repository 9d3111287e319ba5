// Finds who a reporting verb belongs to: the noun phrase before it ("the Ukrainian defense
// ministry insists"), an apposition ("Norland's chief executive, Gregory Hale, told …"), or the
// name after it ("…, said Margaret Chen"). Returns token ranges; speakers.ts names them.
import { REPORTING_VERBS } from './lexicon.ts';
import { isPluralPossessive } from './speakers.ts';
import type { Token } from './types.ts';

/** An inclusive token range. */
export interface Phrase {
  readonly first: number;
  readonly last: number;
}

const NOUN_PHRASE_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'NUM', 'DET', 'PART']);
const INNER_PREPOSITIONS = new Set(['of', 'for', 'at', 'in', 'from', 'with']);
const SKIPPED_BEFORE_VERB = new Set([
  'has',
  'had',
  'have',
  'was',
  'is',
  'were',
  'are',
  'would',
  'will',
  'did',
  'does',
  'also',
  'again',
  'once',
  'repeatedly',
  'later',
  'previously',
  'earlier',
  'then',
  'now',
  'still',
  'just',
  'has also',
  'and',
]);

/** The noun phrase ending at `last` (inclusive), not before `floor`. */
export function nounPhraseEndingAt(tokens: readonly Token[], last: number, floor: number): Phrase | undefined {
  let first = last + 1;
  for (let i = last; i >= floor; i--) {
    const token = tokens[i]!;
    if (token.pos === 'PRON' && i === last && /^(he|she|they|it|we|i)$/u.test(token.lower)) return { first: i, last: i };
    if (NOUN_PHRASE_POS.has(token.pos) || token.text === "'s" || token.text === '-' || (i > floor && isPluralPossessive(tokens, i))) {
      first = i;
      if (token.pos === 'DET') break;
      continue;
    }
    // "Analysts at Brightwater Securities", "two people in the room": a preposition inside the phrase.
    if (INNER_PREPOSITIONS.has(token.lower) && i > floor && i < last && NOUN_PHRASE_POS.has(tokens[i - 1]!.pos)) {
      first = i;
      continue;
    }
    break;
  }
  if (first > last) return undefined;
  // A phrase never starts with its preposition or possessive marker.
  const marker = (k: number) => tokens[k]!.text === "'s" || tokens[k]!.text === '-' || isPluralPossessive(tokens, k);
  while (first <= last && (INNER_PREPOSITIONS.has(tokens[first]!.lower) || marker(first))) first++;
  return first <= last ? { first, last } : undefined;
}

/**
 * The subject of the verb at `verb`: the phrase before it, looking past auxiliaries and adverbs
 * ("the bank has said") and through appositions and relative clauses set off by commas.
 * `descriptive` is the longer phrase the name stands in apposition to, for the reason.
 */
export function subjectBefore(
  tokens: readonly Token[],
  verb: number,
  floor: number,
): { subject: Phrase; descriptive?: Phrase } | undefined {
  let i = verb - 1;
  while (i >= floor && (SKIPPED_BEFORE_VERB.has(tokens[i]!.lower) || tokens[i]!.pos === 'ADV')) i--;
  if (i < floor) return undefined;
  if (tokens[i]!.text !== ',') {
    const subject = nounPhraseEndingAt(tokens, i, floor);
    return subject && { subject };
  }
  // "X, <segment>, said": the segment is a name (apposition), a role, or a relative clause.
  const close = i;
  let open = close - 1;
  while (open >= floor && tokens[open]!.text !== ',') open--;
  if (open < floor) return undefined;
  const segment = { first: open + 1, last: close - 1 };
  const before = nounPhraseEndingAt(tokens, open - 1, floor);
  if (/^(who|which|whose|speaking|writing)$/u.test(tokens[segment.first]!.lower)) return before && { subject: before };
  // "Vadym Boychenko, the mayor of Mariupol, said": a segment opening with an article is a role,
  // even when it ends with a name (the place of the role).
  const segmentIsName = tokens[segment.last]!.pos === 'PROPN' && tokens[segment.first]!.pos !== 'DET';
  if (segmentIsName) return { subject: segment, ...(before && { descriptive: before }) };
  const beforeIsName = before !== undefined && tokens[before.last]!.pos === 'PROPN';
  if (beforeIsName) return { subject: before, descriptive: segment };
  return before ? { subject: before } : { subject: segment };
}

/** The name right after an inverted verb: "…, said Margaret Chen, an analyst" → "Margaret Chen". */
export function subjectAfter(tokens: readonly Token[], verb: number, ceiling: number): Phrase | undefined {
  let i = verb + 1;
  while (
    i <= ceiling &&
    (tokens[i]!.pos === 'NOUN' || tokens[i]!.pos === 'ADJ') &&
    tokens[i]!.pos !== 'PROPN' &&
    !/^\p{Lu}/u.test(tokens[i]!.text)
  )
    i++;
  const first = i;
  while (i <= ceiling && (tokens[i]!.pos === 'PROPN' || (tokens[i]!.pos === 'NOUN' && /^\p{Lu}/u.test(tokens[i]!.text)))) i++;
  if (i === first) {
    const pronoun = tokens[verb + 1];
    return pronoun && /^(he|she|they|it)$/u.test(pronoun.lower) ? { first: verb + 1, last: verb + 1 } : undefined;
  }
  return { first, last: i - 1 };
}

/** Whether the token is a reporting verb used as a verb ("report" the noun is not). */
export function isReportingVerb(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  if (!REPORTING_VERBS.has(token.lower)) return false;
  if (token.pos === 'VERB') return true;
  // wink tags "report" in "Emergency services report that" as a noun: a following "that" or ":" settles it.
  const next = tokens[i + 1];
  return next !== undefined && (next.lower === 'that' || next.text === ':') && token.pos !== 'ADJ';
}
