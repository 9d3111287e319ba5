// Keyword in context: a hit with a few words on each side, and where the hit sits in it, so a
// view can highlight it without searching again.

/** `text` shows the hit at `[highlightStart, highlightEnd)`; "…" marks text left out. */
export interface Snippet {
  readonly text: string;
  readonly highlightStart: number;
  readonly highlightEnd: number;
}

/** Words of context on each side, and the most characters that may take. */
const CONTEXT_WORDS = 6;
const CONTEXT_CHARS = 60;
/** A hit longer than this is cut in the middle. */
const HIT_CHARS = 200;

/**
 * The snippet of `[start, end)` in `text`: up to six words each side, within the line.
 * @example snippet('The mayor said taxes will not rise.', 15, 20).text === 'The mayor said taxes will not rise.'
 */
export function snippet(text: string, start: number, end: number): Snippet {
  const before = contextBefore(text, start);
  const after = contextAfter(text, end);
  let hit = text.slice(start, end);
  if (hit.length > HIT_CHARS) hit = `${keepPairs(hit.slice(0, HIT_CHARS / 2), 'end')}…${keepPairs(hit.slice(-HIT_CHARS / 2), 'start')}`;
  const head = (before.from > 0 && text[before.from - 1] !== '\n' ? '…' : '') + text.slice(before.from, start);
  const tail = text.slice(end, after.to) + (after.to < text.length && text[after.to] !== '\n' ? '…' : '');
  return { text: head + hit + tail, highlightStart: head.length, highlightEnd: head.length + hit.length };
}

function contextBefore(text: string, start: number): { from: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const limit = Math.max(lineStart, start - CONTEXT_CHARS);
  const window = text.slice(limit, start);
  // Word starts in the window; a word cut by the window's edge is left out.
  const starts = [...window.matchAll(/\S+/g)].map((match) => match.index).filter((index) => index > 0 || limit === lineStart);
  const keep = starts.slice(-CONTEXT_WORDS);
  return { from: alignStart(text, keep.length > 0 ? limit + keep[0]! : start) };
}

function contextAfter(text: string, end: number): { to: number } {
  const newline = text.indexOf('\n', end);
  const lineEnd = newline < 0 ? text.length : newline;
  const limit = Math.min(lineEnd, end + CONTEXT_CHARS);
  const window = text.slice(end, limit);
  const words = [...window.matchAll(/\S+/g)].filter((match) => match.index + match[0].length < window.length || limit === lineEnd);
  const keep = words.slice(0, CONTEXT_WORDS);
  const last = keep[keep.length - 1];
  return { to: alignEnd(text, last === undefined ? end : end + last.index + last[0].length) };
}

/** Never start inside a surrogate pair. */
function alignStart(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  return unit >= 0xdc00 && unit <= 0xdfff && index > 0 ? index + 1 : index;
}

/** Never end inside a surrogate pair. */
function alignEnd(text: string, index: number): number {
  const unit = text.charCodeAt(index - 1);
  return unit >= 0xd800 && unit <= 0xdbff ? index + 1 : index;
}

function keepPairs(piece: string, side: 'start' | 'end'): string {
  return piece.replace(side === 'end' ? /[\uD800-\uDBFF]$/ : /^[\uDC00-\uDFFF]/, '');
}
