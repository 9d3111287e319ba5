// Figures: numbers with their unit or noun, normalised: counts ("500,000 people"), percentages
// ("18 percent"), money ("$10 billion" → 1e10 USD), dates ("April 14", "22 October 2024", a year),
// durations ("three weeks"), multipliers ("ten times") and fractions ("a third"). Dates are read
// by chrono-node; times of day ("09:12"), ordinals and reference numbers ("47/2025") are not figures.
import * as chrono from 'chrono-node';
import { suggestion, type RuleContext } from '../context.ts';
import { MONTHS } from '../lexicon.ts';
import { fractionValue, isNumberWord, isScaleWord, parseNumber } from '../numbers.ts';
import type { FigureValue, Suggestion, Token } from '../types.ts';

// Maps, not object literals: a word such as "constructor" must not find a prototype's property.
const lookup = (record: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(record));
const CURRENCY_SYMBOLS = lookup({ $: 'USD', US$: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' });
const CURRENCY_WORDS = lookup({
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  crowns: 'crowns',
  crown: 'crowns',
  yen: 'JPY',
  yuan: 'CNY',
  rupees: 'INR',
  francs: 'CHF',
  roubles: 'RUB',
  rubles: 'RUB',
  hryvnias: 'UAH',
});
const DURATION_UNITS = lookup({
  second: 'second',
  seconds: 'second',
  minute: 'minute',
  minutes: 'minute',
  hour: 'hour',
  hours: 'hour',
  day: 'day',
  days: 'day',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
  year: 'year',
  years: 'year',
  decade: 'decade',
  decades: 'decade',
});
const RATE_UNITS = new Set(['year', 'month', 'week', 'day', 'hour', 'second', 'capita', 'person', 'head']);
// Dates with no year in them are read against this reference, so results do not depend on the clock.
const REFERENCE_DATE = new Date(Date.UTC(2000, 0, 1));
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The figures of one paragraph. */
export function figureSuggestions(context: RuleContext): Suggestion[] {
  const { tokens } = context;
  const found: Suggestion[] = [];
  let i = 0;
  while (i < tokens.length) {
    const figure = figureAt(tokens, i);
    if (figure === undefined) {
      i++;
      continue;
    }
    const start = tokens[figure.first]!.start;
    const end = tokens[figure.last]!.end;
    const written = context.state.text.slice(start, end);
    const shown =
      figure.shown ?? (figure.value.unit === undefined ? String(figure.value.value) : `${figure.value.value} ${figure.value.unit}`);
    found.push(
      suggestion(context, {
        start,
        end,
        kind: 'figure',
        figure: figure.value,
        reason: `${figure.value.kind} *${written}* read as ${shown}`,
      }),
    );
    i = figure.last + 1;
  }
  return found;
}

interface Found {
  readonly first: number;
  readonly last: number;
  readonly value: FigureValue;
  /** How the reason shows the value, when the number alone would not say it (a date). */
  readonly shown?: string;
}

function figureAt(tokens: readonly Token[], i: number): Found | undefined {
  const token = tokens[i]!;
  // Most tokens start no figure: only a currency sign, "a"/"one" (a fraction), a hyphenated word
  // or a number word can, and the checks below are dearer than this one.
  const first = token.text.charCodeAt(0);
  if (
    (first < 48 || first > 57) &&
    !CURRENCY_SYMBOLS.has(token.text) &&
    token.lower !== 'a' &&
    token.lower !== 'one' &&
    !token.text.includes('-') &&
    !isNumberWord(token.text)
  )
    return undefined;
  const currency = CURRENCY_SYMBOLS.get(token.text);
  if (currency !== undefined && tokens[i + 1] !== undefined && /^\d/u.test(tokens[i + 1]!.text)) {
    const number = numberRun(tokens, i + 1);
    return number && withRate(tokens, i, number.last, { value: number.value, unit: currency, kind: 'money' });
  }
  const fraction = token.lower === 'a' || token.lower === 'one' ? fractionValue(tokens[i + 1]?.text ?? '') : undefined;
  if (fraction !== undefined && tokens[i + 1]!.lower !== 'half')
    return { first: i, last: i + 1, value: { value: fraction * 100, unit: 'percent', kind: 'percent' } };
  // "three-judge panel": a number joined to its noun by a hyphen, written as one token.
  const compound = /^(\p{L}+)-(\p{L}+)$/u.exec(token.text);
  if (compound !== null && parseNumber([compound[1]!]) !== undefined && !isScaleWord(compound[1]!)) {
    return withNoun(tokens, i, i, parseNumber([compound[1]!])!);
  }
  if (!isNumberWord(token.text) || isScaleWord(token.text) || (token.pos !== 'NUM' && !/^\d/u.test(token.text))) return undefined;
  const number = numberRun(tokens, i);
  if (number === undefined) return undefined;
  return classify(tokens, i, number.last, number.value, number.digits);
}

function numberRun(tokens: readonly Token[], first: number): { last: number; value: number; digits: boolean } | undefined {
  let last = first;
  while (
    tokens[last + 1] !== undefined &&
    (isNumberWord(tokens[last + 1]!.text) ||
      (tokens[last + 1]!.text === '-' && tokens[last + 2] !== undefined && isNumberWord(tokens[last + 2]!.text)))
  )
    last++;
  const words = tokens.slice(first, last + 1).map((token) => token.text);
  const value = parseNumber(words);
  return value === undefined ? undefined : { last, value, digits: /^\d/u.test(words[0]!) };
}

function classify(tokens: readonly Token[], first: number, last: number, value: number, digits: boolean): Found | undefined {
  const next = tokens[last + 1];
  const afterNext = tokens[last + 2];
  const lower = next?.lower ?? '';
  if (lower === '%' || lower === 'percent' || lower === 'pct' || (lower === 'per' && afterNext?.lower === 'cent')) {
    const end = lower === 'per' ? last + 2 : last + 1;
    const points = tokens[end + 1]?.lower === 'points' ? end + 1 : end;
    return { first, last: points, value: { value, unit: 'percent', kind: 'percent' } };
  }
  if (lower === 'percentage' && afterNext?.lower === 'points')
    return { first, last: last + 2, value: { value, unit: 'percentage points', kind: 'percent' } };
  const currency = CURRENCY_WORDS.get(lower);
  if (currency !== undefined) return withRate(tokens, first, last + 1, { value, unit: currency, kind: 'money' });
  const date = dateAround(tokens, first, last, digits);
  if (date !== undefined) return date;
  if (lower === 'times') return { first, last: last + 1, value: { value, kind: 'multiplier' } };
  const duration = DURATION_UNITS.get(lower);
  if (duration !== undefined) return { first, last: last + 1, value: { value, unit: duration, kind: 'duration' } };
  return withNoun(tokens, first, last, value);
}

// "April 14", "14 March 2025", "22 October 2024", "June 3", or a year standing alone ("in 2019").
function dateAround(tokens: readonly Token[], first: number, last: number, digits: boolean): Found | undefined {
  if (!digits || first !== last) return undefined;
  const number = Number(tokens[first]!.text);
  let start = first;
  let end = last;
  if (MONTHS.has(tokens[first - 1]?.lower ?? '') && /^\p{Lu}/u.test(tokens[first - 1]!.text) && number <= 31) start = first - 1;
  else if (MONTHS.has(tokens[last + 1]?.lower ?? '') && /^\p{Lu}/u.test(tokens[last + 1]!.text) && number <= 31) end = last + 1;
  else if (/^\d{4}$/u.test(tokens[first]!.text) && number >= 1800 && number <= 2100)
    return { first, last, value: { value: number, unit: 'year', kind: 'date' } };
  else return undefined;
  const year = tokens[end + 1]?.text === ',' ? end + 2 : end + 1;
  const yearGiven = /^\d{4}$/u.test(tokens[year]?.text ?? '');
  if (yearGiven) end = year;
  const written = tokens
    .slice(start, end + 1)
    .map((token) => token.text)
    .join(' ');
  const parsed = parseDate(written);
  if (parsed === null) return undefined;
  return {
    first: start,
    last: end,
    value: { value: parsed.getTime(), unit: 'epoch ms', kind: 'date' },
    shown: dateShown(parsed, yearGiven),
  };
}

// chrono-node runs every parser it has on each phrase (about a millisecond each), which costs
// more than the rest of the figure rules together; the same dates come back again and again in a
// document ("March 14"), so each phrase is read once. Bounded, as a worker reads many documents.
const DATE_CACHE_SIZE = 4096;
const dates = new Map<string, number | null>();

function parseDate(written: string): Date | null {
  let time = dates.get(written);
  if (time === undefined) {
    if (dates.size >= DATE_CACHE_SIZE) dates.clear();
    time = chrono.parseDate(written, REFERENCE_DATE)?.getTime() ?? null;
    dates.set(written, time);
  }
  return time === null ? null : new Date(time);
}

/** A date for people: "2024-10-22", or "14 April, no year given" (the reference year means nothing). */
function dateShown(date: Date, yearGiven: boolean): string {
  if (yearGiven) return date.toISOString().slice(0, 10);
  const month = MONTH_NAMES[date.getUTCMonth()]!;
  return `${date.getUTCDate()} ${month}, no year given`;
}

// A count with its noun: "1,200 National Guard troops", "3,000 cubic metres per second".
function withNoun(tokens: readonly Token[], first: number, last: number, value: number): Found {
  let end = last;
  for (let k = last + 1; k <= last + 4 && tokens[k] !== undefined; k++) {
    const token = tokens[k]!;
    if (!['NOUN', 'PROPN', 'ADJ'].includes(token.pos) || MONTHS.has(token.lower) || (DURATION_UNITS.has(token.lower) && k > last + 1))
      break;
    end = k;
    if (token.pos === 'NOUN' && !['NOUN', 'PROPN'].includes(tokens[k + 1]?.pos ?? '')) break;
  }
  const unit = end > last ? tokens[end]!.lower : undefined;
  return withRate(tokens, first, end, { value, ...(unit !== undefined && { unit }), kind: 'count' });
}

// "… a year", "… per second": a rate after the figure belongs to it.
function withRate(tokens: readonly Token[], first: number, last: number, value: FigureValue): Found {
  const per = tokens[last + 1]?.lower;
  const unit = tokens[last + 2]?.lower ?? '';
  if ((per === 'a' || per === 'per' || per === 'an') && (RATE_UNITS.has(unit) || DURATION_UNITS.has(unit))) {
    return { first, last: last + 2, value: { ...value, unit: `${value.unit ?? ''} per ${DURATION_UNITS.get(unit) ?? unit}`.trim() } };
  }
  return { first, last, value };
}
