// Plain text made from a marked-up file (a web page, Markdown): the text and where its headings
// are, and the one step that finishes it (normalizing, with the heading offsets kept right).
import { normalizeText } from '../../../core/text/normalize.ts';
import type { Heading } from '../extract-types.ts';

export interface PlainText {
  /** Normalized (core/text/normalize.ts). */
  readonly text: string;
  /** Offsets refer to `text`; `text.slice(start, start + heading.text.length) === heading.text`. */
  readonly headings: readonly Heading[];
}

/** A heading as a converter found it: `[start, end)` of its text in the text not yet normalized. */
export interface RawHeading {
  readonly level: number;
  readonly start: number;
  readonly end: number;
}

/**
 * `raw` normalized, with each heading's offsets moved into the normalized text. Normalizing only
 * changes lengths when a combining mark follows its base across two pieces of markup (`e<b>\u0301</b>`);
 * then each offset is found again by normalizing the text before it.
 */
export function finishPlainText(raw: string, headings: readonly RawHeading[]): PlainText {
  const text = normalizeText(raw);
  const at = raw === text ? (offset: number) => offset : (offset: number) => normalizeText(raw.slice(0, offset)).length;
  return {
    text,
    headings: headings.map(({ level, start, end }) => {
      const from = at(start);
      return { level, start: from, text: text.slice(from, at(end)) };
    }),
  };
}
