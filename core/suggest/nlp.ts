// The one place that talks to wink-nlp: reads a paragraph with the English lite model (bundled in
// the npm package, nothing is downloaded) and returns plain tokens with document offsets, sentences
// and entities. Paragraphs are read one at a time: reading a 5 MB text at once is slower than
// reading its paragraphs, and it lets a worker report progress between them.
import winkNLP, { type ItemEntity, type ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Entity, Paragraph, Token } from './types.ts';

// sbd: sentences; pos: parts of speech; ner: dates, durations and numbers. Sentiment and negation
// are not needed, and leaving them out saves about a fifth of the reading time.
let reader: ReturnType<typeof winkNLP> | undefined;

function nlp(): ReturnType<typeof winkNLP> {
  reader ??= winkNLP(model, ['sbd', 'pos', 'ner']);
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
  const sentences: [number, number][] = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const span = sentence.out(its.span) as unknown as [number, number];
    sentences.push([span[0], span[1]]);
  });
  const entities: Entity[] = [];
  doc.entities().each((entity: ItemEntity) => {
    const span = entity.out(its.span) as unknown as [number, number];
    entities.push({ first: span[0], last: span[1], type: entity.out(its.type) as string });
  });
  const tokens: Token[] = [];
  let cursor = 0;
  let sentence = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    // wink keeps the text whole, so each token is found where the last one ended; the fallback
    // only guards against a model that rewrites a token.
    const found = text.indexOf(value, cursor);
    const start = found === -1 ? cursor : found;
    cursor = start + value.length;
    while (sentence < sentences.length - 1 && i > sentences[sentence]![1]) sentence++;
    if (value.trim() === '') continue;
    tokens.push({ text: value, lower: value.toLowerCase(), start: offset + start, end: offset + cursor, pos: tags[i] ?? 'X', sentence });
  }
  return {
    start: offset,
    end: offset + text.length,
    text,
    tokens,
    sentences: reindex(values, sentences),
    entities: reindexEntities(values, entities),
  };
}

// Whitespace tokens (wink keeps line breaks as tokens) are dropped above, so token ranges are
// renumbered to the kept tokens.
function keptIndex(values: readonly string[]): number[] {
  const map: number[] = [];
  let kept = 0;
  for (const value of values) {
    map.push(kept);
    if (value.trim() !== '') kept++;
  }
  map.push(kept);
  return map;
}

function reindex(values: readonly string[], ranges: readonly [number, number][]): [number, number][] {
  const map = keptIndex(values);
  return ranges.map(([first, last]) => [map[first]!, map[last + 1]! - 1] as [number, number]).filter(([first, last]) => last >= first);
}

function reindexEntities(values: readonly string[], entities: readonly Entity[]): Entity[] {
  const map = keptIndex(values);
  return entities
    .map((entity) => ({ ...entity, first: map[entity.first]!, last: map[entity.last + 1]! - 1 }))
    .filter((entity) => entity.last >= entity.first);
}
