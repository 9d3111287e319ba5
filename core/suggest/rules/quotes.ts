// Direct quotations: the words between quotation marks ("…" or “…”), each with its speaker, found
// after the quote ("…," Ortiz told reporters / "…," said Daniel Park), before it ("she said: “…”",
// "Andrade, again, on the coal row: “…”"), around it (a quoted fragment inside an attributed
// statement), by a verb earlier in its sentence ("Marek Linde called the emergency “…”", "Zelensky
// added, “…”"), or carried on from the quote before (a quote split by "he said", or continued in
// the next sentence or paragraph).
import { phraseText, speakerOf, suggestion, type RuleContext } from '../context.ts';
import { CHARACTERISING_VERBS } from '../lexicon.ts';
import { isReportingVerb, subjectAfter, subjectBefore } from '../subject.ts';
import type { Suggestion, Token } from '../types.ts';

/** A quotation: the quoted words [start, end) and the marks around them, in document offsets. */
export interface QuoteSpan {
  readonly start: number;
  readonly end: number;
  readonly open: number;
  readonly close: number;
}

const QUOTATION = /“([^”\n]*)(?:”|$)|"([^"\n]*)(?:"|$)/gu;

/** The quotations of a paragraph (an unclosed one runs to the paragraph's end, as in news style). */
export function findQuotes(text: string, offset: number): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  for (const match of text.matchAll(QUOTATION)) {
    const inner = match[1] ?? match[2] ?? '';
    const leading = inner.length - inner.trimStart().length;
    const trimmed = inner.trim();
    if (trimmed.length < 2) continue;
    const open = offset + match.index;
    const start = open + 1 + leading;
    spans.push({ start, end: start + trimmed.length, open, close: open + match[0].length });
  }
  return spans;
}

/** Whether an offset is inside a quotation. */
export function insideQuote(quotes: readonly QuoteSpan[], at: number): boolean {
  return quotes.some((quote) => at >= quote.open && at < quote.close);
}

/**
 * Quote suggestions for a paragraph, given its attributed statements (a quote inside one takes its speaker)
 * and the speaker of a transcript turn, if the paragraph is one.
 */
export function quoteSuggestions(
  context: RuleContext,
  quotes: readonly QuoteSpan[],
  attributed: readonly Suggestion[],
  turnSpeaker?: string,
): Suggestion[] {
  const found: Suggestion[] = [];
  let carried: string | undefined;
  quotes.forEach((quote, index) => {
    const within = attributed.find((statement) => statement.start <= quote.start && statement.end >= quote.end);
    const next = quotes[index + 1];
    const after = speakerAfter(context, quote, next?.open);
    const before = after ?? speakerBefore(context, quote, quotes[index - 1]?.close);
    const found1 =
      after ??
      before ??
      (within?.speaker !== undefined ? { speaker: within.speaker, reason: `inside the statement of *${within.speaker}*` } : undefined) ??
      speakerInSentence(context, quote, quotes[index - 1]?.close);
    const speaker = found1?.speaker ?? carried ?? turnSpeaker ?? context.state.lastSpeaker;
    const reason =
      found1?.reason ??
      (speaker === undefined ? 'quotation marks, no speaker found' : `quotation marks, continuing the words of *${speaker}*`);
    if (speaker !== undefined) {
      carried = speaker;
      context.state.lastSpeaker = speaker;
    }
    found.push(
      suggestion(context, { start: quote.start, end: quote.end, kind: 'quote', ...(speaker !== undefined && { speaker }), reason }),
    );
  });
  return found;
}

// The indices of the tokens inside [from, to). Tokens are in text order and do not overlap, so
// they are one run, found by a binary search rather than a walk over the paragraph per quote.
function tokensBetween(context: RuleContext, from: number, to: number): number[] {
  const { tokens } = context;
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tokens[middle]!.start < from) low = middle + 1;
    else high = middle;
  }
  const indices: number[] = [];
  for (let i = low; i < tokens.length && tokens[i]!.end <= to; i++) indices.push(i);
  return indices;
}

// `"…," Ortiz told reporters`, `"…," said Daniel Park, 54`, `"…," he said, "…"`: a reporting verb
// within a few words after the closing mark, before the sentence or the next quote ends it.
function speakerAfter(
  context: RuleContext,
  quote: QuoteSpan,
  nextOpen: number | undefined,
): { speaker: string; reason: string } | undefined {
  const { tokens } = context;
  const indices = tokensBetween(context, quote.close, nextOpen ?? context.paragraph.end).slice(0, 7);
  for (const i of indices) {
    const token: Token = tokens[i]!;
    if (token.text === '.' || token.text === '?' || token.text === '!') return undefined;
    if (!isReportingVerb(tokens, i)) continue;
    const floor = indices[0]!;
    const subject = subjectBefore(tokens, i, floor)?.subject ?? subjectAfter(tokens, i, indices.at(-1)!);
    const speaker = subject && speakerOf(context, subject);
    if (speaker === undefined) return undefined;
    return { speaker, reason: `quotation marks, then reporting verb *${token.text}* with subject *${phraseText(context, subject!)}*` };
  }
  return undefined;
}

// `she said: “…”`, `X writes: "…"`, `Andrade, again, on the coal row: “…”`: the words just before the quote.
function speakerBefore(
  context: RuleContext,
  quote: QuoteSpan,
  previousClose: number | undefined,
): { speaker: string; reason: string } | undefined {
  const { tokens } = context;
  const indices = tokensBetween(context, Math.max(previousClose ?? context.paragraph.start, context.paragraph.start), quote.open);
  const last = indices.at(-1);
  if (last === undefined || tokens[last]!.text !== ':') return undefined;
  const sentence = tokens[last]!.sentence;
  const inSentence = indices.filter((i) => tokens[i]!.sentence === sentence);
  for (let k = inSentence.length - 1; k >= 0; k--) {
    const i = inSentence[k]!;
    if (!isReportingVerb(tokens, i)) continue;
    const subject = subjectBefore(tokens, i, inSentence[0]!)?.subject;
    const speaker = subject && speakerOf(context, subject);
    if (speaker !== undefined)
      return { speaker, reason: `quotation after *${tokens[i]!.text}:* with subject *${phraseText(context, subject!)}*` };
  }
  // No verb: a name opening the sentence introduces the quote ("Andrade, again, on the coal row:").
  const name = inSentence.findIndex((i) => tokens[i]!.pos === 'PROPN');
  if (name === -1) return undefined;
  let end = name;
  while (end + 1 < inSentence.length && tokens[inSentence[end + 1]!]!.pos === 'PROPN') end++;
  const phrase = { first: inSentence[name]!, last: inSentence[end]! };
  const speaker = speakerOf(context, phrase);
  return speaker === undefined ? undefined : { speaker, reason: `quotation introduced by *${phraseText(context, phrase)}:*` };
}

// `Opposition councillor Marek Linde called the emergency "…"`, `Zelensky added, “…”`: the nearest
// reporting or characterising verb earlier in the quote's own sentence, with its subject. Its
// sentence names who speaks, so the quote does not continue the words of the speaker before.
function speakerInSentence(
  context: RuleContext,
  quote: QuoteSpan,
  previousClose: number | undefined,
): { speaker: string; reason: string } | undefined {
  const { tokens } = context;
  const indices = tokensBetween(context, Math.max(previousClose ?? context.paragraph.start, context.paragraph.start), quote.open);
  const last = indices.at(-1);
  if (last === undefined) return undefined;
  const inSentence = indices.filter((i) => tokens[i]!.sentence === tokens[last]!.sentence);
  for (let k = inSentence.length - 1; k >= 0; k--) {
    const i = inSentence[k]!;
    const verb = isReportingVerb(tokens, i) || (CHARACTERISING_VERBS.has(tokens[i]!.lower) && tokens[i]!.pos === 'VERB');
    if (!verb) continue;
    const subject = subjectBefore(tokens, i, inSentence[0]!)?.subject;
    const speaker = subject && speakerOf(context, subject);
    if (speaker === undefined) return undefined;
    return { speaker, reason: `quotation after *${tokens[i]!.text}* with subject *${phraseText(context, subject!)}*` };
  }
  return undefined;
}
