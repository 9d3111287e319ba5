// Figures that disagree: where a sentence and its match (or two mentions of one claim) give
// different numbers for the same thing ("480 missiles" against "500 missiles", "18 percent"
// against "19 percent"), say so. Deliberately simple: a figure is a number with what follows it
// (a unit word, %, a currency sign, a scale word), or a date chrono-node finds; figures are
// compared only with figures of the same kind and unit.
import * as chrono from 'chrono-node';
import { lightStem } from './stem.ts';

export type FigureKind = 'number' | 'percent' | 'money' | 'date';

export interface Figure {
  readonly kind: FigureKind;
  /** The number (scale words applied: "$10 billion" → 1e10); for a date, its known parts as "2022-03-03" or "2022-03". */
  readonly value: number | string;
  /** What is counted: a stemmed unit word ("missile"), "percent", the currency, or "" for dates. */
  readonly unit: string;
  /** As written, with its offsets in the text. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, k: 1e3, m: 1e6, bn: 1e9 };
const CURRENCY: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };
const FIGURE =
  /([$€£])?\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s?(thousand|million|billion|trillion|bn|k|m)\b)?(?:\s?(%|percent\b|per cent\b|percentage points?\b)|\s+([\p{L}][\p{L}-]*))?/giu;
/** Words after a number that are not what it counts. */
const NOT_UNITS = new Set([
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'the',
  'a',
  'an',
  'is',
  'was',
  'were',
  'are',
  'has',
  'have',
  'had',
  'more',
  'less',
  'than',
  'from',
]);

/**
 * The figures in `text`, in order.
 * @example extractFigures('Russia launched 480 missiles by March 3, 2022.') // 480 missile (number), 2022-03-03 (date)
 */
export function extractFigures(text: string): Figure[] {
  const figures: Figure[] = [];
  const dates = chrono.parse(text, new Date(2000, 0, 1));
  for (const date of dates) {
    const known = ['year', 'month', 'day'] as const;
    const parts = known.filter((part) => date.start.isCertain(part)).map((part) => String(date.start.get(part) ?? '').padStart(2, '0'));
    if (parts.length === 0 || (!date.start.isCertain('year') && !date.start.isCertain('day'))) continue;
    figures.push({
      kind: 'date',
      value: parts.join('-'),
      unit: known.filter((part) => date.start.isCertain(part)).join('-'),
      text: date.text,
      start: date.index,
      end: date.index + date.text.length,
    });
  }
  const inDate = (index: number) => figures.some((figure) => index >= figure.start && index < figure.end);
  for (const match of text.matchAll(FIGURE)) {
    const [whole, currency, integer = '', fraction = '', scale, percent, word] = match;
    const numberAt = match.index + whole.indexOf(integer);
    // Part of a word or a longer token ("COVID19", "v2.3"), or inside a date: not a figure.
    if (inDate(numberAt) || /[\p{L}\d.,]/u.test(text[numberAt - 1] ?? '')) continue;
    const value = Number(integer.replaceAll(',', '') + fraction) * (scale === undefined ? 1 : (SCALE[scale.toLowerCase()] ?? 1));
    const kind: FigureKind = currency !== undefined ? 'money' : percent !== undefined ? 'percent' : 'number';
    // A capitalised word after a number starts something else ("In 2014 Russia annexed…").
    const unitWord = kind === 'number' && word !== undefined && /^\p{Ll}/u.test(word) && !NOT_UNITS.has(word) ? lightStem(word) : '';
    if (kind === 'number' && unitWord === '' && fraction === '' && /^(?:18|19|20)\d\d$/.test(integer)) {
      figures.push({ kind: 'date', value: integer, unit: 'year', text: integer, start: numberAt, end: numberAt + integer.length });
      continue;
    }
    const unit =
      kind === 'money'
        ? (CURRENCY[currency ?? ''] ?? '')
        : kind === 'percent'
          ? /point/i.test(percent ?? '')
            ? 'point'
            : 'percent'
          : unitWord;
    const start = currency === undefined ? numberAt : match.index + whole.indexOf(currency);
    // The unit word belongs to the figure only when it is what is counted.
    const end = match.index + whole.length - (word !== undefined && unitWord === '' ? word.length : 0);
    figures.push({ kind, value, unit, text: text.slice(start, end).trim(), start, end: start + text.slice(start, end).trimEnd().length });
  }
  return figures.sort((a, b) => a.start - b.start);
}

/** A figure in one text and the figure of the same kind and unit that the other gives instead. */
export interface FigureDisagreement {
  readonly left: Figure;
  readonly right: Figure;
}

/**
 * Pairs of figures of the same kind and unit whose values differ, where neither text also gives
 * the other's value ("480 missiles … 500 missiles" disagree; "480 missiles" and "480 missiles,
 * 12 jets" do not). Bare numbers with no unit are left out: without a unit they say too little.
 * @example figuresThatDisagree('launched 480 missiles', 'fired 500 missiles') // [{ left: 480 missile, right: 500 missile }]
 */
export function figuresThatDisagree(left: string, right: string): FigureDisagreement[] {
  return disagreeing(extractFigures(left), extractFigures(right));
}

/** A disagreement between two of several texts: which two (`between`, indices into them, the lower first), and the figures. */
export interface FigureDisagreementAmong extends FigureDisagreement {
  readonly between: readonly [number, number];
}

/**
 * The figures that disagree between any two of `texts` (the quotes of a claim's mentions), as
 * `figuresThatDisagree` finds them for each pair, with every text read once.
 * @example figuresThatDisagreeAmong(['fell to 18 percent', 'stands at 18 percent', 'at 19 percent']) // 0–2 and 1–2: 18 percent against 19 percent
 */
export function figuresThatDisagreeAmong(texts: readonly string[]): FigureDisagreementAmong[] {
  const figures = texts.map(extractFigures);
  const result: FigureDisagreementAmong[] = [];
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++)
      for (const found of disagreeing(figures[i]!, figures[j]!)) result.push({ between: [i, j], ...found });
  return result;
}

function disagreeing(left: readonly Figure[], right: readonly Figure[]): FigureDisagreement[] {
  const a = left.filter(comparable);
  const b = right.filter(comparable);
  const key = (figure: Figure) => `${figure.kind}|${figure.unit}`;
  const has = (figures: readonly Figure[], figure: Figure) =>
    figures.some((other) => key(other) === key(figure) && other.value === figure.value);
  const result: FigureDisagreement[] = [];
  for (const l of a) {
    if (has(b, l)) continue;
    for (const r of b) if (key(r) === key(l) && !has(a, r)) result.push({ left: l, right: r });
  }
  return result;
}

function comparable(figure: Figure): boolean {
  return figure.kind !== 'number' || figure.unit !== '';
}
