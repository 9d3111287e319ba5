// Attributed statements around a reporting verb: "SUBJECT VERB [listener] [that] CONTENT"
// ("Whitcombe insists the dam is structurally sound"), a second verb of the same subject
// ("… and said a deal could come …"), and the inverted order "CONTENT, said SUBJECT" /
// "CONTENT, SUBJECT said" when the content is not itself a quotation.
import { contentsAfter } from '../content.ts';
import { phraseText, speakerOf, suggestion, type RuleContext } from '../context.ts';
import { isReportingVerb, subjectAfter, subjectBefore, type Phrase } from '../subject.ts';
import type { Suggestion } from '../types.ts';
import { insideQuote, type QuoteSpan } from './quotes.ts';

/** Attributed statements of one paragraph; `quotes` are its quotations (verbs inside them are not the reporter's). */
export function reportingVerbStatements(context: RuleContext, quotes: readonly QuoteSpan[]): Suggestion[] {
  const { tokens, paragraph } = context;
  const found: Suggestion[] = [];
  for (const [first, last] of paragraph.sentences) {
    let previous: { speaker: string | undefined; subject: string } | undefined;
    for (let verb = first; verb <= last; verb++) {
      if (!isReportingVerb(tokens, verb) || insideQuote(quotes, tokens[verb]!.start)) continue;
      const floor = Math.max(first, lastQuoteBefore(context, quotes, verb, first));
      const coordinated = tokens[verb - 1]?.lower === 'and' && previous !== undefined;
      // "…, said Margaret Chen": after a comma, a name or pronoun right after the verb is its subject
      // (not a possessor that starts the content: "…, said Putin's remarks reflected …").
      const inverted =
        !coordinated &&
        tokens[verb - 1]?.text === ',' &&
        (tokens[verb + 1]?.pos === 'PROPN' || /^(he|she|they|it)$/u.test(tokens[verb + 1]?.lower ?? '')) &&
        !startsWithPossessive(context, verb + 1);
      const before = coordinated || inverted ? undefined : subjectBefore(tokens, verb, floor);
      const after =
        inverted || (before === undefined && !coordinated && tokens[verb - 1]?.text === ',') ? subjectAfter(tokens, verb, last) : undefined;
      const subjectPhrase = before?.subject ?? after;
      if (!coordinated && subjectPhrase === undefined) continue;
      // A pronoun with no name before it still reports a statement, with no speaker.
      const speaker = coordinated ? previous!.speaker : speakerOf(context, subjectPhrase!);
      const subject = coordinated ? previous!.subject : phraseText(context, before?.descriptive ?? subjectPhrase!);
      previous = { speaker, subject };
      const verbText = tokens[verb]!.text;
      const reason = `reporting verb *${verbText}* with subject *${subject}*`;
      let contents = after === undefined ? contentsAfter(tokens, verb, last) : [];
      // "Describing the situation, The Wall Street Journal reports:": a colon after the verb opens
      // what it reports; the words before it are not its content.
      const introduces = tokens[verb + 1]?.text === ':';
      if (contents.length === 0 && !introduces)
        contents = invertedContent(context, quotes, first, verb, subjectPhrase, after !== undefined);
      for (const content of contents) {
        // `he said, "but …"`: what follows is a quotation, which the quote rule reports.
        if (tokens[content.first]!.pos === 'PUNCT') continue;
        found.push(
          suggestion(context, {
            start: tokens[content.first]!.start,
            end: tokens[content.last]!.end,
            kind: 'attributed',
            ...(speaker !== undefined && { speaker }),
            verb: verbText,
            reason,
          }),
        );
      }
    }
  }
  return found;
}

// "CONTENT, said X" / "CONTENT, X said": the sentence up to the comma, unless it is a quotation.
function invertedContent(
  context: RuleContext,
  quotes: readonly QuoteSpan[],
  first: number,
  verb: number,
  subject: Phrase | undefined,
  subjectFollows: boolean,
): Phrase[] {
  const { tokens } = context;
  const comma = subjectFollows ? verb - 1 : subject === undefined ? -1 : subject.first - 1;
  if (comma <= first || tokens[comma]!.text !== ',') return [];
  const content = { first, last: comma - 1 };
  const start = tokens[content.first]!.start;
  const end = tokens[content.last]!.end;
  const quoted = quotes.reduce((sum, quote) => sum + Math.max(0, Math.min(end, quote.end) - Math.max(start, quote.start)), 0);
  if (quoted > (end - start) / 2 || content.last - content.first < 3) return [];
  return [content];
}

// A subject never reaches back over a closing quotation mark: in `"…," Ortiz told` it is "Ortiz".
function lastQuoteBefore(context: RuleContext, quotes: readonly QuoteSpan[], verb: number, first: number): number {
  const at = context.tokens[verb]!.start;
  const close = quotes.filter((quote) => quote.end <= at).at(-1);
  if (close === undefined) return first;
  let i = verb;
  while (i > first && context.tokens[i - 1]!.start >= close.end) i--;
  return i;
}

/** Whether the name at `at` is a possessor ("Putin's remarks"): the run of names ends in 's. */
function startsWithPossessive(context: RuleContext, at: number): boolean {
  const { tokens } = context;
  let i = at;
  while (tokens[i + 1]?.pos === 'PROPN') i++;
  return /^['’]s$/u.test(tokens[i + 1]?.text ?? '');
}
