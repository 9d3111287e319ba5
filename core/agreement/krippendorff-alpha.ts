// Krippendorff's alpha for nominal data: any number of coders, missing values allowed.
import { defined, notDefined, REASONS, type Figure } from './figure.ts';
import { coderCount, presentValues, valueCounts, type ReliabilityUnit } from './reliability-data.ts';

/**
 * Krippendorff's alpha, nominal metric, from the coincidence matrix.
 *
 *   α = 1 − D_o / D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k
 *
 * with o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1) the coincidences, n_c = Σ_k o_ck
 * and n = Σ_c n_c the pairable values; units coded by fewer than two coders are not pairable and
 * are left out. Per unit, Σ_{c≠k} pairs = m_u² − Σ_c n_uc², so no matrix is built. `units` is the
 * number of pairable units.
 *
 * Not defined with one coder, with fewer than two pairable values, or when every pairable value is
 * the same (D_e = 0).
 *
 * Reference: Krippendorff, K. (2011) Computing Krippendorff's Alpha-Reliability, Annenberg School
 * for Communication, University of Pennsylvania (sections A and C); Krippendorff (2004) Content
 * Analysis, 2nd ed., ch. 11.
 */
export function krippendorffAlpha<Value>(units: readonly ReliabilityUnit<Value>[]): Figure {
  if (coderCount(units) < 2) return notDefined(REASONS.oneCoder, 0);
  const totals = new Map<Value, number>();
  let pairableUnits = 0;
  let observed = 0;
  for (const unit of units) {
    const values = presentValues(unit);
    const m = values.length;
    const weight = unit.weight ?? 1;
    if (m < 2 || weight === 0) continue;
    pairableUnits += weight;
    let squares = 0;
    for (const [value, count] of valueCounts(values)) {
      squares += count * count;
      totals.set(value, (totals.get(value) ?? 0) + weight * count);
    }
    observed += (weight * (m * m - squares)) / (m - 1);
  }
  let n = 0;
  let squares = 0;
  for (const count of totals.values()) {
    n += count;
    squares += count * count;
  }
  if (n < 2) return notDefined(REASONS.noUnits, pairableUnits);
  const expected = n * n - squares;
  if (expected === 0) return notDefined(REASONS.noVariation, pairableUnits);
  return defined(1 - ((n - 1) * observed) / expected, pairableUnits);
}
