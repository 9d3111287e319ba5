// The public face of claim suggestions: suggestClaims, its chunked form, and the types.
export { suggestClaims, suggestInChunks, type SuggestStep } from './suggest.ts';
export type { FigureKind, FigureValue, Suggestion, SuggestionKind, SuggestOptions, SuggestProgress } from './types.ts';
