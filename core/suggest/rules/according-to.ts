// Attributed statements with "according to": "According to X, CONTENT" and "CONTENT, according
// to X". The source may carry its name in apposition ("… by the national grid operator, Valgrid, …").
import { speakerOf, suggestion, phraseText, type RuleContext } from '../context.ts';
import type { Phrase } from '../subject.ts';
import type { Suggestion } from '../types.ts';

/** "according to" statements of one paragraph. */
export function accordingToStatements(context: RuleContext): Suggestion[] {
  const { tokens, paragraph } = context;
  const found: Suggestion[] = [];
  for (const [first, last] of paragraph.sentences) {
    for (let i = first; i < last; i++) {
      if (tokens[i]!.lower !== 'according' || tokens[i + 1]!.lower !== 'to') continue;
      let sourceEnd = nextComma(context, i + 2, last);
      // An apposition name after the source: ", Valgrid," (capitalised words between two commas).
      const apposition = sourceEnd < last ? nameBetweenCommas(context, sourceEnd + 1, last) : undefined;
      const source: Phrase = apposition ?? { first: i + 2, last: sourceEnd - 1 };
      if (apposition) sourceEnd = apposition.last + 1;
      if (source.last < source.first) continue;
      const speaker = speakerOf(context, source);
      let content: Phrase;
      if (i === first || (i === first + 1 && tokens[first]!.pos === 'PUNCT'))
        content = { first: sourceEnd + 1, last: trimStop(context, sourceEnd + 1, last) };
      else if (tokens[i - 1]!.text === ',') content = { first, last: i - 2 };
      else continue;
      if (content.last - content.first < 2 || speaker === undefined) continue;
      const reason = `*according to* with source *${phraseText(context, { first: i + 2, last: source.last })}*`;
      found.push(
        suggestion(context, {
          start: tokens[content.first]!.start,
          end: tokens[content.last]!.end,
          kind: 'attributed',
          speaker,
          verb: 'according to',
          reason,
        }),
      );
    }
  }
  return found;
}

function nextComma(context: RuleContext, from: number, last: number): number {
  let i = from;
  while (i <= last && context.tokens[i]!.text !== ',' && !(i === last && context.tokens[i]!.pos === 'PUNCT')) i++;
  return i;
}

function nameBetweenCommas(context: RuleContext, from: number, last: number): Phrase | undefined {
  const close = nextComma(context, from, last);
  if (close > last || context.tokens[close]?.text !== ',') return undefined;
  const words = context.tokens.slice(from, close);
  return words.length > 0 && words.length <= 4 && words.every((token) => token.pos === 'PROPN')
    ? { first: from, last: close - 1 }
    : undefined;
}

function trimStop(context: RuleContext, first: number, last: number): number {
  let end = last;
  while (end > first && context.tokens[end]!.pos === 'PUNCT') end--;
  return end;
}
