// Where a reported content begins and ends after its reporting verb: after "that", after a
// listener ("told reporters that"), after a colon; up to the end of the sentence, a second
// content ("… and that …"), a second reporting verb ("… and said …") or a loose clause ("…, as …").
import { CLAUSE_BREAKS, REPORTING_VERBS, VERBS_WITH_LISTENER } from './lexicon.ts';
import type { Phrase } from './subject.ts';
import type { Token } from './types.ts';

const LOOKAHEAD_FOR_THAT = 9;

/** The contents reported by the verb at `verb`, within the sentence ending at `last`. */
export function contentsAfter(tokens: readonly Token[], verb: number, last: number): Phrase[] {
  let start = verb + 1;
  const that = findThat(tokens, start, Math.min(last, verb + LOOKAHEAD_FOR_THAT));
  if (that !== undefined) start = that + 1;
  else if (tokens[start]?.text === ':') start++;
  else {
    if (VERBS_WITH_LISTENER.has(tokens[verb]!.lower)) start = skipListener(tokens, start, last);
    // "said on Monday the …" without "that": skip a leading prepositional phrase or adverb.
    while (start <= last && (tokens[start]!.pos === 'ADV' || tokens[start]!.pos === 'ADP') && tokens[start]!.lower !== 'that')
      start = skipListener(tokens, start + 1, last);
  }
  while (start <= last && /^["“”'‘]$/u.test(tokens[start]!.text) && !opensQuoteInContent(tokens, start, last)) start++;
  const contents: Phrase[] = [];
  let first = start;
  for (let i = start; i <= last; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const secondContent = token.lower === 'and' && next?.lower === 'that';
    const secondVerb = token.lower === 'and' && next !== undefined && REPORTING_VERBS.has(next.lower) && next.pos === 'VERB';
    const looseClause =
      token.text === ',' &&
      next !== undefined &&
      (CLAUSE_BREAKS.has(next.lower) || (next.lower === 'according' && tokens[i + 2]?.lower === 'to'));
    if (secondContent || secondVerb || looseClause) {
      contents.push({ first, last: i - 1 });
      if (!secondContent) return keepClauses(tokens, contents);
      first = i + 2;
      i++;
    }
  }
  contents.push({ first, last: trimEnd(tokens, first, last) });
  return keepClauses(tokens, contents);
}

function findThat(tokens: readonly Token[], from: number, to: number): number | undefined {
  for (let i = from; i <= to; i++) {
    const token = tokens[i]!;
    if (token.lower === 'that' && (token.pos === 'SCONJ' || token.pos === 'DET' || token.pos === 'PRON')) return i;
    if (token.text !== ',' && token.pos === 'PUNCT') return undefined;
    if (token.pos === 'VERB' || token.pos === 'AUX') return undefined;
  }
  return undefined;
}

// "told reporters", "told the paper", "told analysts last month": the listener and a time phrase.
function skipListener(tokens: readonly Token[], from: number, last: number): number {
  let i = from;
  while (i <= last && ['DET', 'NOUN', 'ADJ', 'PROPN', 'NUM', 'PRON'].includes(tokens[i]!.pos) && !(i > from && tokens[i]!.pos === 'DET')) {
    if (tokens[i]!.pos === 'PRON' && i > from) break;
    i++;
    if (tokens[i - 1]!.pos === 'PRON') break;
  }
  return i;
}

// A quote opening the content ("said: “We will …”") belongs to the quote rule, not to the content.
function opensQuoteInContent(tokens: readonly Token[], at: number, last: number): boolean {
  return at < last && tokens[at + 1]!.pos !== 'PUNCT' && at > 0 && tokens[at - 1]!.pos !== 'PUNCT';
}

function trimEnd(tokens: readonly Token[], first: number, last: number): number {
  let end = last;
  while (end > first && tokens[end]!.pos === 'PUNCT' && !/^["”']$/u.test(tokens[end]!.text)) end--;
  // A closing quote after the final stop stays only if the content holds its opening quote.
  if (/^["”]$/u.test(tokens[end]!.text) && !tokens.slice(first, end).some((token) => /^["“]$/u.test(token.text))) end--;
  while (end > first && tokens[end]!.pos === 'PUNCT' && !/^["”.]$/u.test(tokens[end]!.text)) end--;
  return end;
}

// A content is a clause: at least three words, one of them a verb ("announced $250 million in
// emergency funding" reports no clause and is dropped).
function keepClauses(tokens: readonly Token[], contents: readonly Phrase[]): Phrase[] {
  return contents.filter(({ first, last }) => {
    if (last - first < 2) return false;
    return tokens.slice(first + 1, last + 1).some((token) => token.pos === 'VERB' || token.pos === 'AUX');
  });
}
