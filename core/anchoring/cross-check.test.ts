// Cross-checks the engine against an independent implementation: Apache Annotator's W3C selector
// matchers (@apache-annotator/selector 0.2.0) resolve the same TextQuoteSelectors (and, where a
// quote with its context occurs more than once, the TextPositionSelector, in code points) over the
// same text given as chunks, the way it reads the text nodes of a page.
import { describe, expect, it } from 'vitest';
import { applyEdits, EditMap, generateDocument, pickQuotes, Random, type Edit } from '../../bench/anchoring-corpus.ts';
import {
  textPositionSelectorMatcher,
  textQuoteSelectorMatcher,
  type Chunker,
  type ChunkRange,
} from '../../tests/support/apache-annotator.ts';
import { codePointIndex, spanToCodePoints } from '../text/code-points.ts';
import { anchorAll, type AnchorResult, type QuoteTarget } from './anchor.ts';

interface Span {
  readonly start: number;
  readonly end: number;
}

/** The text as paragraph chunks (each keeps its trailing blank line), and offsets back from them. */
function chunked(text: string) {
  const pieces = text.split(/(?<=\n\n)/);
  const offsets: number[] = [];
  let offset = 0;
  for (const piece of pieces) {
    offsets.push(offset);
    offset += piece.length;
  }
  const chunker = (): Chunker => {
    const chunks = pieces.map((data, index) => ({ data, index }));
    let current = 0;
    return {
      get currentChunk() {
        return chunks[current]!;
      },
      nextChunk: () => (current + 1 < chunks.length ? chunks[++current]! : null),
      previousChunk: () => (current > 0 ? chunks[--current]! : null),
      precedesCurrentChunk: (chunk) => chunk.index < current,
    };
  };
  const span = (range: ChunkRange): Span => ({
    start: offsets[range.startChunk.index]! + range.startIndex,
    end: offsets[range.endChunk.index]! + range.endIndex,
  });
  return { pieces, chunker, span };
}

async function all(matches: AsyncGenerator<ChunkRange, void, void>, span: (range: ChunkRange) => Span): Promise<Span[]> {
  const spans: Span[] = [];
  for await (const match of matches) spans.push(span(match));
  return spans;
}

const spanOf = (result: AnchorResult): Span | undefined =>
  result.state === 'orphaned' ? undefined : { start: result.start, end: result.end };

describe("the engine against Apache Annotator's selector matchers", () => {
  // 100 KB and 400 annotations: Apache Annotator's matchers (async generators) take ~1 ms a quote.
  const document = generateDocument(11, 100_000);
  const targets = pickQuotes(document, 400, 12);

  it('resolves every annotation of a generated corpus to the same span on the unchanged text', async () => {
    const { text } = document;
    const { chunker, span, pieces } = chunked(text);
    expect(pieces.length).toBeGreaterThan(50);
    const points = codePointIndex(text);
    const ours = anchorAll(text, targets);
    let ambiguous = 0;
    for (const [index, target] of targets.entries()) {
      const quoted = await all(
        textQuoteSelectorMatcher({ type: 'TextQuoteSelector', exact: target.exact, prefix: target.prefix, suffix: target.suffix })(
          chunker(),
        ),
        span,
      );
      let theirs = quoted[0];
      if (quoted.length > 1) {
        // The quote with its context is not unique (boilerplate): the position selector decides.
        ambiguous++;
        const [positioned] = await all(
          textPositionSelectorMatcher({ type: 'TextPositionSelector', ...spanToCodePoints(points, target.start, target.end) })(chunker()),
          span,
        );
        theirs = quoted.find((candidate) => candidate.start === positioned?.start && candidate.end === positioned.end);
      }
      expect({ index, span: spanOf(ours[index]!) }).toEqual({ index, span: theirs });
    }
    // Most quotes are unique with their context; the test must not rest on the position alone.
    expect(ambiguous).toBeLessThan(targets.length / 10);
  });

  it('resolves every annotation to the same span after text around the quotes moved', async () => {
    const { text, edits } = moveTextAround(document.text, document.sentences, targets, 13);
    const { chunker, span } = chunked(text);
    const ours = anchorAll(text, targets);
    const map = new EditMap(edits);
    let compared = 0;
    for (const [index, target] of targets.entries()) {
      const result = ours[index]!;
      // No quote was edited: every one is found, with its text unchanged.
      expect({ index, state: result.state, confidence: result.confidence }).toMatchObject({ index, confidence: 1 });
      const found = spanOf(result)!;
      expect(text.slice(found.start, found.end)).toBe(target.exact);
      const quoted = await all(
        textQuoteSelectorMatcher({ type: 'TextQuoteSelector', exact: target.exact, prefix: target.prefix, suffix: target.suffix })(
          chunker(),
        ),
        span,
      );
      const truth = map.span(target.start, target.end);
      if (quoted.length === 0) continue; // its context was edited: a strict matcher finds nothing
      compared++;
      // Apache Annotator yields every occurrence; the true place is among them, and it is ours.
      expect(quoted).toContainEqual({ start: truth.start, end: truth.end });
      expect({ index, span: found }).toEqual({ index, span: { start: truth.start, end: truth.end } });
    }
    expect(compared).toBeGreaterThan(targets.length * 0.8);
  });
});

/**
 * Moves text around the quotes: a new opening paragraph, and sentences that hold no quote deleted,
 * or given a new sentence after them. No quote changes; some lose their context.
 */
function moveTextAround(
  text: string,
  sentences: readonly { start: number; end: number }[],
  targets: readonly QuoteTarget[],
  seed: number,
): { text: string; edits: Edit[] } {
  const random = new Random(seed);
  // Whether a quote overlaps [start, end), or (for an empty range) has `start` strictly inside it.
  const quoted = (start: number, end: number) =>
    targets.some((target) => (start === end ? target.start < start && target.end > start : target.start < end && target.end > start));
  const edits: Edit[] = [{ at: 0, deleted: 0, inserted: 'An editor’s note opens this version of the report.\n\n' }];
  for (const sentence of sentences.slice(1)) {
    const roll = random.next();
    if (roll < 0.03 && !quoted(sentence.start, sentence.end + 1))
      edits.push({ at: sentence.start, deleted: sentence.end + 1 - sentence.start, inserted: '' });
    else if (roll < 0.06 && !quoted(sentence.end, sentence.end))
      edits.push({ at: sentence.end, deleted: 0, inserted: ' A sentence added in this version.' });
  }
  return { text: applyEdits(text, edits), edits };
}
