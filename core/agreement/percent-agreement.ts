// Percent agreement: the share of coder pairs that gave a unit the same value, over all units.
import { defined, notDefined, REASONS, type Figure } from './figure.ts';
import { coderCount, presentValues, valueCounts, type ReliabilityUnit } from './reliability-data.ts';

/**
 * Observed agreement, not corrected for chance.
 *
 *   A = Σ_u w_u · a_u / Σ_u w_u,   a_u = Σ_c n_uc (n_uc − 1) / (m_u (m_u − 1))
 *
 * where n_uc is how many coders gave unit u value c and m_u how many coded it (units with fewer than
 * two values are left out). For two coders this is the plain share of units they agree on (Holsti
 * 1969 with identical units); for more it is the mean pairwise agreement, Fleiss' (1971) P̄, rather
 * than "all coders agree", which would fall quickly with every coder added.
 *
 * References: Holsti, O. R. (1969) Content Analysis for the Social Sciences and Humanities;
 * Fleiss, J. L. (1971) Measuring nominal scale agreement among many raters, Psychol. Bull. 76(5).
 */
export function percentAgreement<Value>(units: readonly ReliabilityUnit<Value>[]): Figure {
  if (coderCount(units) < 2) return notDefined(REASONS.oneCoder, 0);
  let total = 0;
  let agreeing = 0;
  for (const unit of units) {
    const values = presentValues(unit);
    const m = values.length;
    const weight = unit.weight ?? 1;
    if (m < 2 || weight === 0) continue;
    let pairs = 0;
    for (const count of valueCounts(values).values()) pairs += count * (count - 1);
    agreeing += (weight * pairs) / (m * (m - 1));
    total += weight;
  }
  return total === 0 ? notDefined(REASONS.noUnits, 0) : defined(agreeing / total, total);
}
