// What the Matches tab asks about: the selection, or else the sentence at the cursor; and how it
// is attached to a match (the annotation that already covers exactly that span, or a new one).
// Pure, so each case is tested without a browser.
import type { CheckedSentence, LinkEndInput } from '../../../core/contract/workbench-api.ts';
import type { Annotation } from '../../../core/model/annotation.ts';

export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** A span of the open document that the Matches tab matches: the selection, or the sentence at the cursor. */
export interface MatchSubject extends TextSpan {
  readonly kind: 'selection' | 'sentence';
  readonly text: string;
}

/**
 * The selection without the white space at its ends; undefined when it is only white space.
 * @example selectionSubject('Hello world. ', { start: 5, end: 13 }) // { kind: 'selection', start: 6, end: 12, text: 'world.' }
 */
export function selectionSubject(text: string, span: TextSpan): MatchSubject | undefined {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start += 1;
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  return start === end ? undefined : { kind: 'selection', start, end, text: text.slice(start, end) };
}

/** The sentence at `offset` as a subject, from a splitter's span. */
export function sentenceSubject(text: string, span: TextSpan): MatchSubject {
  return { kind: 'sentence', start: span.start, end: span.end, text: text.slice(span.start, span.end) };
}

/**
 * The sentence of the document's matches that holds `offset` (a cursor right after its last
 * character counts): the matched sentences are known without loading the sentence splitter.
 */
export function checkedSentenceAt(sentences: readonly CheckedSentence[] | undefined, offset: number): CheckedSentence | undefined {
  return sentences?.find((sentence) => sentence.start <= offset && offset <= sentence.end);
}

/**
 * What `attachMatch` is given for `subject`: the annotation placed on exactly that span when there
 * is one (no second annotation on the same words), else the span, as an annotation `newId` names.
 */
export function mentionOf(documentId: string, subject: TextSpan, annotations: readonly Annotation[], newId: () => string): LinkEndInput {
  const same = annotations.find(
    (annotation) =>
      annotation.anchor.state !== 'orphaned' && annotation.target.start === subject.start && annotation.target.end === subject.end,
  );
  return same ? { documentId, annotationId: same.id } : { documentId, start: subject.start, end: subject.end, annotationId: newId() };
}
