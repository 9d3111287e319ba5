// Every sentence of a text as offsets, for matching a document sentence by sentence against the
// fact-check archive (`splitSentences`), and the sentence around one offset, for the reader's
// "select the sentence" (Alt+S: `sentenceAt`). The work is done by wink-nlp's sentence detector
// (its English lite model), which already knows titles ("Mr.", "Dr."), months ("Feb."), "U.S.",
// "a.m.", initials and decimals. Five documented rules mend what the tests show it gets wrong or
// does not see:
//  1. blank lines end sentences (wink runs on each paragraph on its own);
//  2. a headline line ends a sentence: a short line with no closing punctuation, followed by a
//     line that starts a sentence (wink joins "Headline\nBody text." into one);
//  3. no break inside a quotation (“I don’t bite. What are you afraid of?” is one unit), as long
//     as the quotation stays under QUOTE_LIMIT characters, so that a quoted speech does not swallow
//     a page;
//  4. a quotation ending in "?" or "!" that the sentence continues (“…?” Zelenskyy said.) is not
//     a sentence end: wink breaks there when a capitalised name follows;
//  5. a reference abbreviation and its number stay together ("Fig. 3", "Art. 5", "Vol. II",
//     "Sec. 2"): wink breaks after the abbreviation.
// Intl.Segmenter is not used: it breaks after "Mr." and "U.S.". The model is pure JavaScript
// (no native code, no files read), so the renderer loads it too, on first use.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** A sentence as `[start, end)` JS string offsets, without surrounding whitespace. */
export interface SentenceSpan {
  readonly start: number;
  readonly end: number;
}

/** Longest quotation that rule 3 keeps whole; longer quoted passages split as wink splits them. */
const QUOTE_LIMIT = 400;
/** Longest line (in words) that rule 2 may take for a headline. */
const HEADLINE_WORDS = 16;

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

/** The model takes ~200 ms to load: done once, on first use. */
function detector(): Nlp {
  nlp ??= winkNLP(model, ['sbd']);
  return nlp;
}

/**
 * The sentences of `text`, in order, as offsets into it.
 * @example splitSentences('Mr. Li left at 9 a.m. He came back.')
 *   // → [{ start: 0, end: 21 }, { start: 22, end: 34 }]
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  for (const { sentences } of sentencesByBlock(text)) spans.push(...sentences);
  return spans;
}

/**
 * `splitSentences` a block (a paragraph, or a headline) at a time, with where the block ends: for
 * work on a long text that reports progress, or stops, between blocks.
 * @example for (const { sentences, end } of sentencesByBlock(text)) report(end / text.length)
 */
export function* sentencesByBlock(text: string): Generator<{ readonly sentences: SentenceSpan[]; readonly end: number }> {
  for (const block of blocks(text)) yield { sentences: mergeQuoted(text, joinReferences(text, detect(text, block))), end: block.end };
}

/**
 * The sentence around `offset` (a JS string offset into `text`), as `splitSentences` cuts the
 * paragraph it is in (paragraphs end at blank lines). Whitespace after a sentence belongs to it,
 * and whitespace at a paragraph's start to its first sentence; undefined in a paragraph of
 * whitespace only, or in empty text.
 * @example sentenceAt('Mr. Li left. He came back.', 13) // → { start: 13, end: 26 } ("He came back.")
 */
export function sentenceAt(text: string, offset: number): SentenceSpan | undefined {
  if (text.length === 0) return undefined;
  const at = Math.min(Math.max(0, offset), text.length - 1);
  // Only the paragraph is split: sentences never cross a blank line, and a long text costs no more.
  const blankBefore = text.lastIndexOf('\n\n', at);
  const paragraphStart = blankBefore === -1 ? 0 : blankBefore + 2;
  const blankAfter = text.indexOf('\n\n', at);
  const paragraph = text.slice(paragraphStart, blankAfter === -1 ? text.length : blankAfter);
  const spans = splitSentences(paragraph);
  const local = at - paragraphStart;
  const span = spans.findLast(({ start }) => start <= local) ?? spans[0];
  return span === undefined ? undefined : { start: paragraphStart + span.start, end: paragraphStart + span.end };
}

/** Paragraphs (rule 1), cut further at headline lines (rule 2). */
function blocks(text: string): SentenceSpan[] {
  const result: SentenceSpan[] = [];
  const paragraph = /[^\n]*\S[^\n]*(?:\n(?:[^\n]*\S[^\n]*))*/g;
  for (const match of text.matchAll(paragraph)) {
    let start = match.index;
    const lines = match[0].split('\n');
    let offset = match.index;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const lineEnd = offset + line.length;
      const next = lines[i + 1];
      if (next !== undefined && isHeadline(line, next)) {
        result.push({ start, end: lineEnd });
        start = lineEnd + 1;
      }
      offset = lineEnd + 1;
    }
    result.push({ start, end: match.index + match[0].length });
  }
  return result;
}

function isHeadline(line: string, next: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || /[.,;:!?…\-–—(“"'‘]$/u.test(trimmed)) return false;
  if (trimmed.split(/\s+/).length > HEADLINE_WORDS) return false;
  return /^\s*[\p{Lu}\p{N}“"‘'[(#*•-]/u.test(next);
}

/** Runs wink on one block and maps its sentences back to offsets in `text`. */
function detect(text: string, block: SentenceSpan): SentenceSpan[] {
  const slice = text.slice(block.start, block.end);
  const result: SentenceSpan[] = [];
  let cursor = 0;
  for (const out of detector().readDoc(slice).sentences().out()) {
    const trimmed = out.trim();
    if (trimmed === '') continue;
    // wink's output is the sentence as written (token values and the spaces before them).
    const at = slice.indexOf(trimmed, cursor);
    const start = at === -1 ? cursor : at;
    const end = at === -1 ? Math.min(slice.length, cursor + out.length) : at + trimmed.length;
    result.push({ start: block.start + start, end: block.start + end });
    cursor = end;
  }
  if (result.length === 0 && slice.trim() !== '') result.push(trim(text, block));
  return result;
}

function trim(text: string, span: SentenceSpan): SentenceSpan {
  const slice = text.slice(span.start, span.end);
  const start = span.start + (slice.length - slice.trimStart().length);
  return { start, end: span.start + slice.trimEnd().length };
}

/**
 * Abbreviations that a number follows in references (rule 5), and that number: digits or a Roman
 * numeral, but not a lone "I", which is far more often the next sentence's first word. ("No." is
 * left to wink, which knows "No. 10" and would be wrong to join "No. I disagree.")
 */
const REFERENCE = /(?:^|[\s(])(?:Figs?|Arts?|Vols?|Secs?|Ch|Chap|Eqs?|Para|Refs?)\.$/u;
const REFERENCE_NUMBER = /^(?:\d|[IVXLC]{2,}\b|[VXLC]\b)/u;

/** Rule 5: joins a sentence that wink ended at a reference abbreviation to the number after it. */
function joinReferences(text: string, spans: SentenceSpan[]): SentenceSpan[] {
  const result: SentenceSpan[] = [];
  for (const span of spans) {
    const previous = result.at(-1);
    if (
      previous !== undefined &&
      REFERENCE.test(text.slice(previous.start, previous.end)) &&
      REFERENCE_NUMBER.test(text.slice(span.start, span.end))
    ) {
      result[result.length - 1] = { start: previous.start, end: span.end };
    } else result.push(span);
  }
  return result;
}

/** A capitalised name or two and then a verb of saying: the quotation's attribution. */
const ATTRIBUTION =
  /^(?:[\p{Lu}][\p{L}’'.-]*\s+){1,4}(?:said|says|asked|asks|added|adds|wrote|writes|told|tells|replied|insisted|declared|tweeted|posted)\b/u;

/**
 * Rules 3 and 4: joins sentences that wink split inside a quotation or after one that goes on.
 * Only “…” and "…" count as quotations: ’ is also the apostrophe, so ‘…’ cannot be told apart.
 */
function mergeQuoted(text: string, spans: SentenceSpan[]): SentenceSpan[] {
  const result: SentenceSpan[] = [];
  let open = 0;
  let straightOpen = false;
  for (const span of spans) {
    const previous = result.at(-1);
    const join =
      previous !== undefined &&
      (((open > 0 || straightOpen) && span.end - previous.start <= QUOTE_LIMIT) ||
        (/[?!…][”"]$/u.test(text.slice(previous.start, previous.end)) && continuesQuote(text.slice(span.start, span.end))));
    if (join) result[result.length - 1] = { start: previous.start, end: span.end };
    else result.push(span);
    for (const char of text.slice(span.start, span.end)) {
      if (char === '“') open++;
      else if (char === '”' && open > 0) open--;
      else if (char === '"') straightOpen = !straightOpen;
    }
  }
  return result;
}

function continuesQuote(next: string): boolean {
  return /^\p{Ll}/u.test(next) || ATTRIBUTION.test(next);
}
