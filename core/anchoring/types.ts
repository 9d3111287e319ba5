// The anchoring engine's data: what is known of an annotation's old place, and where it was found.

export type AnchorState = 'exact' | 'moved' | 'fuzzy' | 'orphaned';

/**
 * What is known of where an annotation was: its W3C TextPositionSelector (`start`, `end`, in JS
 * string indices of the old text) and TextQuoteSelector (`exact`, `prefix`, `suffix`).
 */
export interface QuoteTarget {
  readonly start: number;
  readonly end: number;
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * Where an annotation was found in the new text. `exact`: at its old place; `moved`: the same
 * quote elsewhere, its context or expected place confirming it; `fuzzy`: a similar quote, or the
 * same quote where nothing confirms the place (`confidence` below REVIEW_BELOW then);
 * `orphaned`: not found.
 */
export type AnchorResult =
  | { readonly state: 'exact' | 'moved' | 'fuzzy'; readonly start: number; readonly end: number; readonly confidence: number }
  | { readonly state: 'orphaned'; readonly confidence: 0 };
