// What a screen reader says when the reader's cursor enters an annotation: highlights are
// decorations of the editor, which assistive technology does not see, so the window says it.
import { textOrdered } from '../../../core/annotations/layout.ts';
import { describeMembership, type ClaimMembership } from '../../../core/evidence/membership.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import { shorten } from '../ui/format.ts';

interface SpeechContext {
  readonly tagName: (id: string) => string;
  readonly statusLabel: (id: string) => string;
  readonly claims: ReadonlyMap<string, readonly ClaimMembership[]>;
}

/**
 * "Annotation 3 of 17: Statistic, Quote. Unverified. Speaker: Mayor Albescu. In claim “Use fell
 * 12%” · False." for the annotation `id` of `annotations`; '' when it is not there.
 */
export function annotationSpeech(annotations: readonly Annotation[], id: string, context: SpeechContext): string {
  const ordered = textOrdered(annotations);
  const index = ordered.findIndex((annotation) => annotation.id === id);
  if (index < 0) return '';
  const annotation = ordered[index]!;
  const tags = annotation.tags.map(context.tagName).join(', ') || 'Untagged';
  return [
    `Annotation ${index + 1} of ${ordered.length}: ${tags}.`,
    `${context.statusLabel(annotation.status)}.`,
    annotation.speaker ? `Speaker: ${annotation.speaker}.` : '',
    describeMembership(context.claims.get(annotation.id) ?? [], (text) => shorten(text, 80)),
  ]
    .filter(Boolean)
    .join(' ')
    .replace(/([^.])$/, '$1.');
}
