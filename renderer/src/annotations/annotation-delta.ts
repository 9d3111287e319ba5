// How one annotation list was made from another. The window derives a document's list many
// times (an annotation tagged, a page of annotations arrived, a pending edit shown); each derivation
// records what it put and removed, so the reader can update the few highlights that changed
// without walking 10,000 annotations while the analyst waits for the paint.
import type { Annotation } from '../../../core/model/annotation.ts';

interface Derivation {
  readonly base: readonly Annotation[];
  /** Added or replaced. */
  readonly put: readonly Annotation[];
  readonly removed: readonly string[];
}

/** What changed from one list to another: the annotations now there, the ids now gone. */
export interface AnnotationDelta {
  readonly put: ReadonlyMap<string, Annotation>;
  readonly removed: ReadonlySet<string>;
}

const derivations = new WeakMap<readonly Annotation[], Derivation>();

/** Derivations farther apart than this are not followed: a full comparison is as cheap. */
const MAX_STEPS = 32;

/**
 * Records that `derived` is `base` with `put` added or replaced and `removed` taken out. Only the
 * last MAX_STEPS derivations behind a list are kept: each holds its base, so an endless chain
 * would keep every earlier copy of a 10,000-annotation list alive.
 */
export function recordDerivation(
  derived: readonly Annotation[],
  base: readonly Annotation[],
  put: readonly Annotation[],
  removed: readonly string[],
): void {
  if (derived === base) return;
  derivations.set(derived, { base, put, removed });
  let list: readonly Annotation[] = derived;
  for (let step = 0; step < MAX_STEPS; step++) {
    const derivation = derivations.get(list);
    if (derivation === undefined) return;
    list = derivation.base;
  }
  derivations.delete(list);
}

/** The chain of derivations from `list` back to its origin, newest first. */
function ancestry(list: readonly Annotation[]): { lists: (readonly Annotation[])[]; steps: Derivation[] } {
  const lists = [list];
  const steps: Derivation[] = [];
  for (let current = derivations.get(list); current !== undefined && steps.length < MAX_STEPS; current = derivations.get(current.base)) {
    steps.push(current);
    lists.push(current.base);
  }
  return { lists, steps };
}

/**
 * What changed from `previous` to `next`, when both were derived from a common list within a few
 * steps; undefined when they were not (a document loaded again), and the caller compares all.
 * Cost: the sizes of the derivations, plus one pass over `next` when `previous` is not its
 * ancestor (to read the current value of what `previous` had changed).
 */
export function deltaBetween(previous: readonly Annotation[], next: readonly Annotation[]): AnnotationDelta | undefined {
  const forward = ancestry(next);
  const common = forward.lists.indexOf(previous);
  if (common >= 0) return replay(forward.steps.slice(0, common).reverse());
  // Siblings: both derived from one list (a pending edit shown, then the written one).
  const backward = ancestry(previous);
  const shared = backward.lists.findIndex((list) => forward.lists.includes(list));
  if (shared < 0) return undefined;
  const toNext = forward.steps.slice(0, forward.lists.indexOf(backward.lists[shared]!)).reverse();
  const delta = replay(toNext);
  // What `previous` changed from the shared list must be read back from `next`.
  const touched = new Set<string>();
  for (const step of backward.steps.slice(0, shared)) {
    for (const annotation of step.put) touched.add(annotation.id);
    for (const id of step.removed) touched.add(id);
  }
  for (const id of delta.put.keys()) touched.delete(id);
  for (const id of delta.removed) touched.delete(id);
  if (touched.size === 0) return delta;
  const put = new Map(delta.put);
  const removed = new Set(delta.removed);
  for (const annotation of next) {
    if (touched.delete(annotation.id)) put.set(annotation.id, annotation);
  }
  for (const id of touched) removed.add(id);
  return { put, removed };
}

/** The steps' changes, oldest first, folded into one. */
function replay(steps: readonly Derivation[]): AnnotationDelta {
  const put = new Map<string, Annotation>();
  const removed = new Set<string>();
  for (const step of steps) {
    for (const annotation of step.put) {
      put.set(annotation.id, annotation);
      removed.delete(annotation.id);
    }
    for (const id of step.removed) {
      put.delete(id);
      removed.add(id);
    }
  }
  return { put, removed };
}
