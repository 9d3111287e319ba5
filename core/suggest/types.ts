// The shapes of claim suggestions (issue 21): what suggestClaims returns, and the analysed text the
// rules read. Offsets are JavaScript string indices into the document's NFC, LF-normalised text.

/** What kind of claim a suggestion proposes. */
export type SuggestionKind = 'attributed' | 'quote' | 'figure' | 'prediction';

/** What a figure measures. */
export type FigureKind = 'count' | 'percent' | 'money' | 'date' | 'duration' | 'multiplier';

/** A figure's normalised value: "$10 billion" → { value: 1e10, unit: 'USD', kind: 'money' }. */
export interface FigureValue {
  readonly value: number;
  readonly unit?: string;
  readonly kind: FigureKind;
}

/** One proposed claim: a span of the text, what it is, who says it and why it was proposed. */
export interface Suggestion {
  readonly start: number;
  readonly end: number;
  readonly kind: SuggestionKind;
  /** The fullest name the text gives for who says it (attributed, quote, prediction in speech). */
  readonly speaker?: string;
  /** The outlet reporting the passage ("CNN reports: …"). */
  readonly outlet?: string;
  /** The reporting verb, as written ("insists"). */
  readonly verb?: string;
  /** `text.slice(start, end)`. */
  readonly text: string;
  /** A short reason the analyst can read. */
  readonly reason: string;
  readonly figure?: FigureValue;
}

/** A token of the analysed text with its document offsets and part of speech. */
export interface Token {
  readonly text: string;
  /** Lower-cased text, for the lexicons. */
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  /** Universal POS tag from wink-nlp (PROPN, NOUN, VERB, …). */
  readonly pos: string;
  /** The index of this token's sentence in the paragraph. */
  readonly sentence: number;
}

/** One paragraph (a line of the document) analysed: tokens and sentences as token ranges. */
export interface Paragraph {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokens: readonly Token[];
  /** Inclusive token ranges [first, last] of each sentence. */
  readonly sentences: readonly (readonly [number, number])[];
}

/** Progress of an analysis: characters done out of the whole text. */
export interface SuggestProgress {
  readonly done: number;
  readonly total: number;
}

/** Options of suggestClaims. */
export interface SuggestOptions {
  /** Called after each chunk of paragraphs, for a worker's progress bar. */
  readonly onProgress?: (progress: SuggestProgress) => void;
  /** Characters per chunk (whole paragraphs); 20,000 by default. */
  readonly chunkSize?: number;
  /** Kinds to return; all by default. */
  readonly kinds?: readonly SuggestionKind[];
}
