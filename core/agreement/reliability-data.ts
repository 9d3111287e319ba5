// Reliability data as Krippendorff lays it out: one unit per column, one value per coder in it,
// missing values allowed. A weight lets many identical units count as one entry, which is how the
// character-level measures stay fast: a document's characters collapse into a few value patterns.

/**
 * One unit of the reliability data matrix: the value each coder gave it (`undefined`: that coder
 * did not code it), and how many identical units it stands for (1 when omitted).
 */
export interface ReliabilityUnit<Value> {
  readonly values: readonly (Value | undefined)[];
  readonly weight?: number;
}

/** The values a unit actually has, missing ones left out. */
export function presentValues<Value>(unit: ReliabilityUnit<Value>): Value[] {
  return unit.values.filter((value): value is Value => value !== undefined);
}

/** How often each value occurs in `values`. */
export function valueCounts<Value>(values: readonly Value[]): Map<Value, number> {
  const counts = new Map<Value, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** The number of coders the data has columns for: the longest unit's. */
export function coderCount(units: readonly ReliabilityUnit<unknown>[]): number {
  let count = 0;
  for (const unit of units) count = Math.max(count, unit.values.length);
  return count;
}
