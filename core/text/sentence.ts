// The sentence around an offset, for "select the claim sentence" in one gesture. Uses the
// platform's sentence segmenter (Intl.Segmenter, Unicode UAX #29), which knows "3.5" and quotes,
// and mends its one common mistake in news text: a break after a title such as "Mr." or "Gen.".

/** Abbreviations after which a full stop does not end the sentence (and initials: "J. Smith"). */
const ABBREVIATION = /(?:^|[\s("“'])(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|Jr|Sr|vs|etc|No|Fig|Art|Vol|e\.g|i\.e|[A-Z])\.\s*$/u;

/**
 * `[start, end)` of the sentence containing `offset`, without its trailing whitespace, and never
 * across a blank line (paragraphs end sentences even without a full stop, e.g. headlines).
 * @example sentenceAt('One. Two three. Four.', 7) // → { start: 5, end: 15 } ("Two three.")
 */
export function sentenceAt(text: string, offset: number, locale?: string): { start: number; end: number } | undefined {
  if (text.length === 0) return undefined;
  const at = Math.min(Math.max(0, offset), text.length - 1);
  // Work within the paragraph: blank lines bound sentences.
  const paragraphStart = lastIndexOfBlankLine(text, at);
  const nextBreak = text.indexOf('\n\n', at);
  const paragraphEnd = nextBreak === -1 ? text.length : nextBreak;
  const paragraph = text.slice(paragraphStart, paragraphEnd);
  const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  // Sentences as [start, end) in the paragraph, with breaks after abbreviations undone.
  const spans: { start: number; end: number }[] = [];
  for (const segment of segmenter.segment(paragraph)) {
    const previous = spans.at(-1);
    if (previous !== undefined && ABBREVIATION.test(paragraph.slice(previous.start, previous.end))) previous.end = segment.index + segment.segment.length;
    else spans.push({ start: segment.index, end: segment.index + segment.segment.length });
  }
  const local = at - paragraphStart;
  const span = spans.find(({ start, end }) => local >= start && local < end);
  if (span === undefined) return undefined;
  const sentence = paragraph.slice(span.start, span.end);
  const start = paragraphStart + span.start + (sentence.length - sentence.trimStart().length);
  const end = paragraphStart + span.start + sentence.trimEnd().length;
  return end > start ? { start, end } : undefined;
}

function lastIndexOfBlankLine(text: string, offset: number): number {
  const index = text.lastIndexOf('\n\n', offset);
  return index === -1 ? 0 : index + 2;
}
