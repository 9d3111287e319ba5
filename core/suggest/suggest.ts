// Claim suggestions for a whole document (issue 21): reads it paragraph by paragraph with
// wink-nlp and runs the rules on each, carrying speakers and outlets from one paragraph to the
// next. Chunked, so a worker can report progress and yield between chunks.
import { newDocumentState, type DocumentState, type RuleContext } from './context.ts';
import { readParagraph } from './nlp.ts';
import { accordingToStatements } from './rules/according-to.ts';
import { figureSuggestions } from './rules/figures.ts';
import { outletOfParagraph } from './rules/outlet.ts';
import { predictionSuggestions } from './rules/predictions.ts';
import { findQuotes, quoteSuggestions } from './rules/quotes.ts';
import { reportingVerbStatements } from './rules/reporting-verb.ts';
import { turnOf, turnStatements } from './rules/transcript.ts';
import type { Suggestion, SuggestOptions, SuggestProgress } from './types.ts';

const DEFAULT_CHUNK = 20_000;

/** One step of an analysis: the suggestions of the paragraphs just read, and how far it got. */
export interface SuggestStep extends SuggestProgress {
  readonly suggestions: readonly Suggestion[];
}

/**
 * Suggests claims in `text` (NFC, LF-normalised), sorted by start.
 * @example suggestClaims('Ortiz said the dam will hold.')
 * // → [{ kind: 'attributed', text: 'the dam will hold', speaker: 'Ortiz', verb: 'said', … }, { kind: 'prediction', … }]
 */
export function suggestClaims(text: string, options: SuggestOptions = {}): Suggestion[] {
  const all: Suggestion[] = [];
  for (const step of suggestInChunks(text, options)) {
    all.push(...step.suggestions);
    options.onProgress?.({ done: step.done, total: step.total });
  }
  return all;
}

/**
 * The same analysis as a generator, one step per chunk of whole paragraphs (about
 * `options.chunkSize` characters), for a worker that posts progress or yields to other work.
 */
export function* suggestInChunks(text: string, options: SuggestOptions = {}): Generator<SuggestStep> {
  const state = newDocumentState(text);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const kinds = options.kinds && new Set(options.kinds);
  let pending: Suggestion[] = [];
  let chunkStart = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (text.slice(lineStart, lineEnd).trim() !== '') {
      const found = suggestInParagraph(state, text.slice(lineStart, lineEnd), lineStart);
      pending.push(...(kinds ? found.filter((suggestion) => kinds.has(suggestion.kind)) : found));
    }
    lineStart = lineEnd + 1;
    if (lineStart - chunkStart >= chunkSize || lineStart >= text.length) {
      yield { suggestions: pending, done: Math.min(lineStart, text.length), total: text.length };
      pending = [];
      chunkStart = lineStart;
    }
  }
  if (text.length === 0) yield { suggestions: [], done: 0, total: 0 };
}

/** Runs every rule on one paragraph (one line of the text) at `offset`. */
function suggestInParagraph(state: DocumentState, line: string, offset: number): Suggestion[] {
  const paragraph = readParagraph(line, offset);
  const context: RuleContext = { state, paragraph, tokens: paragraph.tokens };
  state.registry.noteNames(paragraph.tokens);
  const outlet = outletOfParagraph(context);
  // An outlet holds for its paragraph and for the quotes that continue it.
  if (outlet !== undefined) state.outlet = outlet;
  else if (!/^\s*["“]/u.test(line)) state.outlet = undefined;
  const turn = turnOf(context);
  const quotes = findQuotes(line, offset);
  const attributed = dedupe([...reportingVerbStatements(context, quotes), ...accordingToStatements(context)]);
  const quoted = quoteSuggestions(context, quotes, attributed, turn?.speaker);
  const turnQuotes = turn ? turnStatements(context, turn) : [];
  const spoken = [...attributed, ...quoted, ...turnQuotes];
  if (attributed.length > 0 && attributed.at(-1)!.speaker !== undefined)
    state.lastSpeaker = quoted.at(-1)?.speaker ?? attributed.at(-1)!.speaker;
  const speakerAt = (start: number, end: number): string | undefined =>
    spoken.find((statement) => statement.start <= start && statement.end >= end)?.speaker ??
    spoken.find((statement) => statement.start < end && statement.end > start)?.speaker;
  const predictions = predictionSuggestions(context, speakerAt);
  return [...spoken, ...predictions, ...figureSuggestions(context)].sort((a, b) => a.start - b.start || b.end - a.end);
}

// Two rules may find the same statement ("Insurers estimate …, said Margaret Chen" holds two
// verbs); keep the wider frame, which holds the other.
function dedupe(statements: readonly Suggestion[]): Suggestion[] {
  const kept: Suggestion[] = [];
  for (const statement of [...statements].sort((a, b) => b.end - b.start - (a.end - a.start))) {
    const overlap = kept.find(
      (other) =>
        Math.min(other.end, statement.end) - Math.max(other.start, statement.start) >
        0.5 * Math.min(other.end - other.start, statement.end - statement.start),
    );
    if (overlap === undefined) kept.push(statement);
  }
  return kept;
}
