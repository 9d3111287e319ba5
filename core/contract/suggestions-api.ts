// The claim-suggestion half of the contract (issue 21): the claims core/suggest proposes in a
// document, taking them as annotations, and turning them down for good.
import type { Annotation } from '../model/annotation.ts';
import type { Suggestion } from '../suggest/types.ts';
import type { Result } from '../result.ts';
import type { SuggestionChoice, SuggestionRange } from './workbench-args.ts';

/** A suggestion of one document: its id (stable for one text), and whether an annotation already covers part of it. */
export interface DocumentSuggestion extends Suggestion {
  /** `kind:start-end`, unique in one version of the text. */
  readonly id: string;
  /** An annotation of the document overlaps it: shown as already marked. */
  readonly marked: boolean;
}

/** The suggestions of a document's current text that the analyst has not turned down, in text order. */
export interface DocumentSuggestions {
  readonly documentId: string;
  readonly textHash: string;
  readonly suggestions: readonly DocumentSuggestion[];
  /** How many were left out (of those asked for) because they were rejected. */
  readonly rejected: number;
}

/** How far the analysis of a document's text has got (characters). */
export interface SuggestionProgress {
  readonly documentId: string;
  readonly done: number;
  readonly total: number;
}

export interface SuggestionsApi {
  /**
   * The claims proposed in the document's current text, less those rejected. Analysed off the
   * service's thread (with progress events), once per text; imported documents are analysed in the
   * background, so the answer is often there already. With `range`, only those that start in it:
   * a long document's thousands are asked for a stretch at a time, so that no answer is too big to
   * take in without holding up the reader. 'cancelled': the workspace closed first.
   */
  getSuggestions(documentId: string, range?: SuggestionRange): Promise<Result<DocumentSuggestions, 'not-found' | 'cancelled'>>;
  /**
   * Makes suggestions ordinary annotations, each with its tag, speaker and outlet, in one undoable
   * step; the note records the kind, the reason, and who accepted it.
   */
  acceptSuggestions(
    documentId: string,
    choices: readonly SuggestionChoice[],
  ): Promise<Result<Annotation[], 'not-found' | 'invalid' | 'write-failed' | 'cancelled'>>;
  /**
   * Turns suggestions down for this text: they are not proposed again, nor in a later version where
   * their words did not change.
   */
  rejectSuggestions(
    documentId: string,
    ids: readonly string[],
  ): Promise<Result<{ rejected: number }, 'not-found' | 'write-failed' | 'cancelled'>>;
}

/** This half's method list (the compiler checks it against the interface). */
export const suggestionsMethods = {
  getSuggestions: true,
  acceptSuggestions: true,
  rejectSuggestions: true,
} as const satisfies Record<keyof SuggestionsApi, true>;
