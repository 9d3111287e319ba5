// How a document's annotations sit relative to each other: text order, nesting, and which one
// is under the cursor. Used by the reader (highlight styles) and the claims panel (order).
/** Anything with a span: annotations, or spans under test. */
export interface Spanned {
  readonly target: { readonly start: number; readonly end: number };
}

const byTextOrder = (a: Spanned, b: Spanned) => a.target.start - b.target.start || b.target.end - a.target.end;

/** Text order: by start, then the longer (enclosing) span first. */
export function inTextOrder<T extends Spanned>(annotations: readonly T[]): T[] {
  return [...annotations].sort(byTextOrder);
}

/** Where `item` goes in `sorted` (text order) to keep it sorted: after the spans equal to it. */
export function textOrderIndex(sorted: readonly Spanned[], item: Spanned): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byTextOrder(sorted[middle]!, item) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** `annotations` in text order: the list itself when it already is (a document's usually is). */
export function textOrdered<T extends Spanned>(annotations: readonly T[]): readonly T[] {
  for (let index = 1; index < annotations.length; index++) {
    if (byTextOrder(annotations[index - 1]!, annotations[index]!) > 0) return inTextOrder(annotations);
  }
  return annotations;
}

/**
 * For each annotation, how many others enclose it (0 for outermost). Spans that merely overlap
 * do not nest; identical spans nest in list order, so each still gets its own depth.
 * @example nestingDepths([{id:'a', target:{start:0,end:9}}, {id:'b', target:{start:2,end:4}}]) // a→0, b→1
 */
export function nestingDepths(annotations: readonly (Spanned & { readonly id: string })[]): Map<string, number> {
  const ordered = inTextOrder(annotations);
  const depths = depthsInTextOrder(ordered);
  return new Map(ordered.map((annotation, index) => [annotation.id, depths[index]!]));
}

/**
 * `nestingDepths` for spans already in text order, as an array in that order: no map of ids,
 * for the reader, which recomputes it for 10,000 highlights on every change.
 */
export function depthsInTextOrder(ordered: readonly Spanned[]): Uint32Array {
  const depths = new Uint32Array(ordered.length);
  // The ends of the spans that enclose the current position, outermost first.
  const open: number[] = [];
  for (let index = 0; index < ordered.length; index++) {
    const { end } = ordered[index]!.target;
    while (open.length > 0 && open[open.length - 1]! < end) open.pop();
    depths[index] = open.length;
    open.push(end);
  }
  return depths;
}

/** The innermost (shortest) annotation covering `offset`, if any, among those `included`. */
export function annotationAt<T extends Spanned>(
  annotations: readonly T[],
  offset: number,
  included: (annotation: T) => boolean = () => true,
): T | undefined {
  let best: T | undefined;
  for (const annotation of annotations) {
    const { start, end } = annotation.target;
    if (!included(annotation)) continue;
    if (start <= offset && offset < end && (best === undefined || end - start < best.target.end - best.target.start)) best = annotation;
  }
  return best;
}
