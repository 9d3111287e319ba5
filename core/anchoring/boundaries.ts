// Where an approximate match of a quote begins and ends. An edit-distance match is free to take in
// a little of the text around it, or to stop short of it, wherever that fits the quote better by
// a character or two; but where the quote's context still stands, the context tells where the
// quote begins and ends better than the quote does.
import { editDistance } from './score.ts';
import type { QuoteTarget } from './types.ts';

/** Context characters looked for next to a match (the side nearest the quote). */
const CONTEXT_EDGE = 12;

export interface Match {
  readonly start: number;
  readonly end: number;
  readonly errors: number;
}

/** How far from a match its context edge is looked for, to tell text left unexplained next to it. */
const GAP_REACH = 64;

export interface AlignedMatch extends Match {
  /** Non-space characters between the match and its context that the match could not take in. */
  readonly unexplained: number;
}

/**
 * `match` with its ends moved to the context where it still stands, or undefined when the match
 * only fits the quote by running into its own context. Three rules, in order:
 * - cut back: a match that runs into its context ends where the context begins; if what is left
 *   differs from the quote by more than `maxErrors`, there is no match (the quote lost that much,
 *   and the match borrowed neighbouring text to hide it);
 * - widen: a match that stops at most `maxErrors` characters short of its context reaches it, if
 *   the quote still fits (a word replaced at the end of a quote: "twice" → "three times");
 * - trim: a match does not begin or end with whitespace unless the quote does.
 * Text left between the match and a context edge found within GAP_REACH is counted as
 * `unexplained`: the quote may run into it (something was inserted inside it, near its end).
 * A context edge that also occurs inside the quote proves nothing and is not used. A quote that
 * had no context on a side reached that end of the old text: the end of the new one is its edge.
 */
export function alignToContext(text: string, target: QuoteTarget, match: Match, maxErrors: number): AlignedMatch | undefined {
  const { exact } = target;
  const errorsOf = (start: number, end: number) => editDistance(exact, text.slice(start, end), maxErrors);
  let { start, end, errors } = match;

  // A quote with no context on a side ran to that end of the text: the end is its context edge.
  const reach = Math.max(maxErrors, GAP_REACH);
  const tail = target.prefix.slice(-CONTEXT_EDGE);
  const suffixAt =
    target.suffix === ''
      ? text.length - end <= reach
        ? text.length
        : -1
      : edgeAt(text, exact, target.suffix.slice(0, CONTEXT_EDGE), target.suffix, start + 1, end + reach, end);
  const prefixAt =
    target.prefix === ''
      ? start <= reach
        ? 0
        : -1
      : edgeAt(text, exact, tail, target.prefix, start - reach - tail.length, end - 1 - tail.length, start - tail.length);
  const prefixEnd = prefixAt === -1 ? -1 : prefixAt + tail.length;
  const unexplained = (from: number, to: number) => {
    const before = prefixEnd !== -1 && prefixEnd < from ? text.slice(prefixEnd, from).trim().length : 0;
    const after = suffixAt > to ? text.slice(to, suffixAt).trim().length : 0;
    return before + after;
  };

  // Cut back.
  const cutEnd = suffixAt !== -1 && suffixAt < end ? suffixAt : end;
  const cutStart = prefixEnd !== -1 && prefixEnd > start ? prefixEnd : start;
  if (cutStart !== start || cutEnd !== end) {
    if (cutStart >= cutEnd) return undefined;
    errors = errorsOf(cutStart, cutEnd);
    if (errors > maxErrors) return undefined;
    start = cutStart;
    end = cutEnd;
  }
  // Widen.
  const wideEnd = suffixAt > end && suffixAt - end <= maxErrors ? suffixAt : end;
  const wideStart = prefixEnd !== -1 && prefixEnd < start && start - prefixEnd <= maxErrors ? prefixEnd : start;
  if (wideStart !== start || wideEnd !== end) {
    const wideErrors = errorsOf(wideStart, wideEnd);
    if (wideErrors <= maxErrors) {
      start = wideStart;
      end = wideEnd;
      errors = wideErrors;
    }
  }
  // Trim.
  let trimStart = start;
  let trimEnd = end;
  if (!isSpace(exact, 0)) while (trimStart < trimEnd && isSpace(text, trimStart)) trimStart++;
  if (!isSpace(exact, exact.length - 1)) while (trimEnd > trimStart && isSpace(text, trimEnd - 1)) trimEnd--;
  if ((trimStart !== start || trimEnd !== end) && trimEnd > trimStart) {
    const trimErrors = errorsOf(trimStart, trimEnd);
    if (trimErrors <= maxErrors)
      return { start: trimStart, end: trimEnd, errors: trimErrors, unexplained: unexplained(trimStart, trimEnd) };
  }
  return { start, end, errors, unexplained: unexplained(start, end) };
}

/**
 * Where the context `edge` (a piece of `side`, the whole of it if shorter) starts in
 * `[from, to]`, nearest to `near`; -1 if it is not there, too short to tell, or also in the quote.
 */
function edgeAt(text: string, exact: string, edge: string, side: string, from: number, to: number, near: number): number {
  if (edge.length === 0 || (edge.length < CONTEXT_EDGE && edge !== side) || exact.includes(edge)) return -1;
  const start = Math.max(0, from);
  if (to < start) return -1;
  const slice = text.slice(start, to + edge.length);
  let found = -1;
  for (let index = slice.indexOf(edge); index !== -1; index = slice.indexOf(edge, index + 1)) {
    if (found === -1 || Math.abs(start + index - near) < Math.abs(found - near)) found = start + index;
  }
  return found;
}

function isSpace(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code === 32 || code === 10 || code === 9 || code === 0xa0;
}
