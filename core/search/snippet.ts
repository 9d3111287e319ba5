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

// Only the line breaks within the context (and one character past it) matter: looking further, in a
// long line, cost more than the rest of a search. Words are runs of non-space (a regular
// expression's \S), found by a loop over the context: a page of results makes 1,000 snippets.
function contextBefore(text: string, start: number): { from: number } {
  const reach = Math.max(0, start - CONTEXT_CHARS - 1);
  const newline = text.slice(reach, start).lastIndexOf('\n');
  // Before the context when there is no break in reach and the text starts further back.
  const lineStart = newline >= 0 ? reach + newline + 1 : reach === 0 ? 0 : -1;
  const limit = Math.max(lineStart, start - CONTEXT_CHARS);
  // Word starts from the hit backwards; a word cut by the window's edge is left out.
  let from = start;
  let words = 0;
  for (let index = start - 1; index >= limit && words < CONTEXT_WORDS; index--) {
    const startsWord = !isSpace(text.charCodeAt(index)) && (index === limit ? limit === lineStart : isSpace(text.charCodeAt(index - 1)));
    if (startsWord) {
      from = index;
      words++;
    }
  }
  return { from: alignStart(text, from) };
}

function contextAfter(text: string, end: number): { to: number } {
  const reach = Math.min(text.length, end + CONTEXT_CHARS + 1);
  const newline = text.slice(end, reach).indexOf('\n');
  const lineEnd = newline >= 0 ? end + newline : reach === text.length ? text.length : Infinity;
  const limit = Math.min(lineEnd, end + CONTEXT_CHARS);
  // Word ends from the hit on; a word cut by the window's edge is left out.
  let to = end;
  let words = 0;
  for (let index = end; index < limit && words < CONTEXT_WORDS; index++) {
    const endsWord = !isSpace(text.charCodeAt(index)) && (index + 1 === limit ? limit === lineEnd : isSpace(text.charCodeAt(index + 1)));
    if (endsWord) {
      to = index + 1;
      words++;
    }
  }
  return { to: alignEnd(text, to) };
}

/** What a regular expression's \s matches (a code unit: none of them is a surrogate). */
function isSpace(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0xa0) return false;
  return (
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000 ||
    unit === 0xfeff
  );
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
