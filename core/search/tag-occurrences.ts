// Plans "tag every occurrence" (issue 19): from phrase hits and each document's annotations, the
// spans to annotate, skipping hits already inside an annotation unless asked. Pure: the service
// creates the annotations (in one undoable step) and the view says the counts first.
import type { Annotation } from '../model/annotation.ts';
import type { Span } from './find-text.ts';

export interface OccurrencePlan {
  /** Spans to annotate, by document, in text order. */
  readonly spans: readonly { readonly documentId: string; readonly start: number; readonly end: number }[];
  /** Hits left out because an annotation already covers them. */
  readonly skipped: number;
  readonly annotationCount: number;
  readonly documentCount: number;
}

/**
 * @param hits the chosen hits, by document id
 * @param annotationsOf a document's current annotations
 * @param includeAnnotated also tag hits that lie inside an existing annotation
 * @example planTagOccurrences({ d1: [{ start: 0, end: 9 }] }, () => [], false) // 1 annotation in 1 document
 */
export function planTagOccurrences(
  hits: Readonly<Record<string, readonly Span[]>>,
  annotationsOf: (documentId: string) => readonly Pick<Annotation, 'target'>[],
  includeAnnotated: boolean,
): OccurrencePlan {
  const spans: { documentId: string; start: number; end: number }[] = [];
  let skipped = 0;
  const documents = new Set<string>();
  for (const [documentId, list] of Object.entries(hits)) {
    const existing = annotationsOf(documentId).map((annotation) => annotation.target);
    const seen = new Set<string>();
    for (const hit of [...list].sort((a, b) => a.start - b.start || a.end - b.end)) {
      if (hit.end <= hit.start || seen.has(`${hit.start}:${hit.end}`)) continue;
      seen.add(`${hit.start}:${hit.end}`);
      if (!includeAnnotated && coveredBy(existing, hit)) {
        skipped++;
        continue;
      }
      spans.push({ documentId, start: hit.start, end: hit.end });
      documents.add(documentId);
    }
  }
  return { spans, skipped, annotationCount: spans.length, documentCount: documents.size };
}

/** Whether one of `targets` (annotations' spans) holds the whole of `span`: the span is already annotated. */
export function coveredBy(targets: readonly Pick<Span, 'start' | 'end'>[], span: Span): boolean {
  return targets.some((target) => target.start <= span.start && span.end <= target.end);
}
