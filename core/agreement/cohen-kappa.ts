// Cohen's kappa: chance-corrected agreement between exactly two coders.
import { defined, notDefined, REASONS, type Figure } from './figure.ts';

/**
 * Cohen's kappa from a k×k contingency table: `table[i][j]` counts the units coder 1 put in
 * category i and coder 2 in category j (weights may be fractional).
 *
 *   κ = (p_o − p_e) / (1 − p_e),   p_o = Σ_i t_ii / N,   p_e = Σ_i (row_i / N) (column_i / N)
 *
 * Chance is each coder's own marginal distribution (unlike Scott's pi and Krippendorff's alpha,
 * which pool them). Not defined with no units, or when both coders used one and the same category
 * only (p_e = 1).
 *
 * Reference: Cohen, J. (1960) A coefficient of agreement for nominal scales, Educational and
 * Psychological Measurement 20(1), 37–46.
 *
 * @example cohenKappa([[20, 5], [10, 15]]) // { defined: true, value: 0.4, units: 50 }
 */
export function cohenKappa(table: readonly (readonly number[])[]): Figure {
  const size = table.length;
  const rows = new Array<number>(size).fill(0);
  const columns = new Array<number>(size).fill(0);
  let total = 0;
  let diagonal = 0;
  for (let i = 0; i < size; i++) {
    const row = table[i]!;
    if (row.length !== size) throw new RangeError('a contingency table is square');
    for (let j = 0; j < size; j++) {
      const count = row[j]!;
      rows[i]! += count;
      columns[j]! += count;
      total += count;
      if (i === j) diagonal += count;
    }
  }
  if (total === 0) return notDefined(REASONS.noUnits, 0);
  let chance = 0;
  for (let i = 0; i < size; i++) chance += (rows[i]! / total) * (columns[i]! / total);
  // Rounding may leave chance a hair below 1 when it is 1 in exact arithmetic.
  if (chance >= 1 - 1e-12) return notDefined(REASONS.noVariation, total);
  return defined((diagonal / total - chance) / (1 - chance), total);
}
