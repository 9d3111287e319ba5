// Fleiss' kappa: chance-corrected agreement of a fixed number of raters per subject.
import { defined, notDefined, REASONS, type Figure } from './figure.ts';

/** One subject of Fleiss' table: how many raters put it in each category (the same categories for all). */
export interface FleissSubject {
  readonly counts: readonly number[];
  /** How many identical subjects this row stands for (1 when omitted). */
  readonly weight?: number;
}

/**
 * Fleiss' kappa over N subjects each rated by the same n raters into k categories.
 *
 *   P_i = (Σ_j n_ij² − n) / (n (n − 1)),   P̄ = Σ_i P_i / N
 *   p_j = Σ_i n_ij / (N n),                 P̄_e = Σ_j p_j²
 *   κ = (P̄ − P̄_e) / (1 − P̄_e)
 *
 * Not defined with fewer than two raters, no subjects, subjects rated by different numbers of
 * raters, or a single category used throughout (P̄_e = 1).
 *
 * Reference: Fleiss, J. L. (1971) Measuring nominal scale agreement among many raters,
 * Psychological Bulletin 76(5), 378–382.
 */
export function fleissKappa(subjects: readonly FleissSubject[]): Figure {
  const first = subjects.find((subject) => (subject.weight ?? 1) > 0);
  if (first === undefined) return notDefined(REASONS.noUnits, 0);
  const raters = first.counts.reduce((sum, count) => sum + count, 0);
  if (raters < 2) return notDefined(REASONS.oneCoder, 0);
  const categoryTotals = new Array<number>(first.counts.length).fill(0);
  let subjectsTotal = 0;
  let agreement = 0;
  for (const subject of subjects) {
    const weight = subject.weight ?? 1;
    if (weight === 0) continue;
    let sum = 0;
    let squares = 0;
    subject.counts.forEach((count, category) => {
      sum += count;
      squares += count * count;
      categoryTotals[category] = (categoryTotals[category] ?? 0) + weight * count;
    });
    if (sum !== raters) return notDefined(REASONS.unevenRaters, 0);
    subjectsTotal += weight;
    agreement += (weight * (squares - raters)) / (raters * (raters - 1));
  }
  const observed = agreement / subjectsTotal;
  let chance = 0;
  for (const total of categoryTotals) chance += (total / (subjectsTotal * raters)) ** 2;
  if (chance >= 1 - 1e-12) return notDefined(REASONS.noVariation, subjectsTotal);
  return defined((observed - chance) / (1 - chance), subjectsTotal);
}
