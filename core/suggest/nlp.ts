// The one place that talks to wink-nlp: reads a paragraph with the English lite model (bundled in
// the npm package, nothing is downloaded) and returns plain tokens with document offsets and
// sentences. Paragraphs are read one at a time: reading a 5 MB text at once is slower than reading
// its paragraphs, and it lets a worker report progress between them.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Paragraph, Token } from './types.ts';

// sbd: sentences; pos: parts of speech. No rule reads wink's entities (figures and dates have
// rules of their own), and leaving ner out, with sentiment and negation, saves about a third of
// the reading time.
let reader: ReturnType<typeof winkNLP> | undefined;

function nlp(): ReturnType<typeof winkNLP> {
  reader ??= winkNLP(model, ['sbd', 'pos']);
  return reader;
}

/**
 * Reads one paragraph (no line breaks inside) starting at `offset` in the document.
 * @example readParagraph('Ortiz said so.', 0).tokens[1] // → { text: 'said', start: 6, end: 10, pos: 'VERB', … }
 */
export function readParagraph(text: string, offset: number): Paragraph {
  const wink = nlp();
  const its = wink.its;
  const doc = wink.readDoc(text);
  const values = doc.tokens().out() as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  // Whitespace tokens (wink keeps line breaks as tokens) are dropped, so sentence ranges are
  // renumbered to the kept tokens: kept[i] is the number of kept tokens before wink's token i.
  const kept: number[] = new Array<number>(values.length + 1);
  const tokens: Token[] = [];
  let cursor = 0;
  let sentence = 0;
  for (let i = 0; i < values.length; i++) {
    kept[i] = tokens.length;
    const value = values[i]!;
    // wink keeps the text whole, so each token is found where the last one ended; the fallback
    // only guards against a model that rewrites a token.
    const found = text.indexOf(value, cursor);
    const start = found === -1 ? cursor : found;
    cursor = start + value.length;
    while (sentence < spans.length - 1 && i > spans[sentence]![1]) sentence++;
    if (value.trim() === '') continue;
    tokens.push({ text: value, lower: value.toLowerCase(), start: offset + start, end: offset + cursor, pos: tags[i] ?? 'X', sentence });
  }
  kept[values.length] = tokens.length;
  const sentences: [number, number][] = [];
  for (const [first, last] of spans) {
    const range: [number, number] = [kept[first]!, kept[last + 1]! - 1];
    if (range[1] >= range[0]) sentences.push(range);
  }
  return { start: offset, end: offset + text.length, text, tokens, sentences };
}
