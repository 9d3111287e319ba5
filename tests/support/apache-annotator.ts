// Apache Annotator's W3C selector matchers (@apache-annotator/selector 0.2.0), typed. Its own
// typings re-export without file extensions, which Node's ESM resolution (tsconfig.node.json)
// cannot follow, so the matchers and the Chunker are typed here from its lib/text/chunker.d.ts,
// match-text-quote.d.ts and match-text-position.d.ts. Tests use it as an independent
// implementation to check ours against.
import * as annotator from '@apache-annotator/selector';

export interface Chunk {
  readonly data: string;
  readonly index: number;
}

export interface Chunker {
  readonly currentChunk: Chunk;
  nextChunk(): Chunk | null;
  previousChunk(): Chunk | null;
  precedesCurrentChunk(chunk: Chunk): boolean;
}

export interface ChunkRange {
  startChunk: Chunk;
  startIndex: number;
  endChunk: Chunk;
  endIndex: number;
}

export type Matcher = (scope: Chunker) => AsyncGenerator<ChunkRange, void, void>;

export const { textQuoteSelectorMatcher, textPositionSelectorMatcher } = annotator as unknown as {
  textQuoteSelectorMatcher(selector: { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }): Matcher;
  textPositionSelectorMatcher(selector: { type: 'TextPositionSelector'; start: number; end: number }): Matcher;
};
