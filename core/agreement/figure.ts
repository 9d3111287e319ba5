// An agreement figure: a value with the number of units behind it, or "not defined" with the reason.
// Degenerate data (one coder, nothing coded, no variation) would give 0/0 in every formula; a
// stated reason keeps NaN out of tables, CSV and JSON, and tells the analyst what to change.

/** A figure that could be computed. `units` is how many units (characters, spans, subjects) it rests on. */
export interface DefinedFigure {
  readonly defined: true;
  readonly value: number;
  readonly units: number;
}

/** A figure the data cannot give, and why. */
export interface UndefinedFigure {
  readonly defined: false;
  readonly reason: string;
  readonly units: number;
}

export type Figure = DefinedFigure | UndefinedFigure;

/** The reasons the measures give, worded for the analyst. */
export const REASONS = {
  oneCoder: 'only one coder',
  noUnits: 'no units to compare',
  nothingMarked: 'no coder marked anything',
  noVariation: 'no variation: every coder gave every unit the same value, so chance agreement is total',
  unevenRaters: 'subjects were rated by different numbers of coders',
  twoCodersOnly: 'defined for two coders only',
} as const;

/** A computed figure resting on `units` units. */
export function defined(value: number, units: number): DefinedFigure {
  return { defined: true, value, units };
}

/** A figure the data cannot give; `reason` is one of REASONS, shown to the analyst as it is. */
export function notDefined(reason: string, units: number): UndefinedFigure {
  return { defined: false, reason, units };
}

/**
 * A defined figure's value as tables print it: a percentage with one decimal, or three decimals
 * (the precision the published examples are checked to).
 * @example formatFigureValue(0.8125, true) === '81.3%'; formatFigureValue(0.8125, false) === '0.813'
 */
export function formatFigureValue(value: number, percent: boolean): string {
  return percent ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}
