import { describe, expect, it } from 'vitest';
import { textTarget } from '../model/annotation.ts';
import { anchor, type AnchorResult } from './anchor.ts';

const OLD =
  'The city of Valmont declared a water emergency on Thursday. Mayor Teresa Albescu said: "If we do nothing, the taps will run dry by the end of September." ' +
  'The ministry said rainfall was 42 percent below average. The mayor said the taps will run dry soon.';

/** The target of the first occurrence of `quote` in OLD. */
const targetOf = (quote: string, occurrence = 1) => {
  let start = -1;
  for (let seen = 0; seen < occurrence; seen++) start = OLD.indexOf(quote, start + 1);
  return textTarget(OLD, start, start + quote.length);
};

const found = (text: string, result: AnchorResult) => (result.state === 'orphaned' ? undefined : text.slice(result.start, result.end));

describe('anchor', () => {
  it('keeps a span whose text is unchanged (exact)', () => {
    const target = targetOf('42 percent below average');
    expect(anchor(OLD, target)).toEqual({ state: 'exact', start: target.start, end: target.end, confidence: 1 });
  });

  it('follows a quote that moved (text added before it)', () => {
    const text = `BREAKING: updated at 14:00.\n\n${OLD}`;
    const result = anchor(text, targetOf('42 percent below average'));
    expect(result).toMatchObject({ state: 'moved', confidence: 1 });
    expect(found(text, result)).toBe('42 percent below average');
  });

  it('chooses among repeated quotes by context, not just by the first occurrence', () => {
    const target = targetOf('the taps will run dry', 2);
    const text = `Correction appended.\n${OLD}`;
    const result = anchor(text, target);
    expect(result.state).toBe('moved');
    if (result.state === 'orphaned') return;
    expect(text.slice(result.end, result.end + 5)).toBe(' soon');
  });

  it.each([
    ['a word changed', 'the taps will run dry by the end of September', 'the taps could run dry by the end of September'],
    ['punctuation and case changed', 'Mayor Teresa Albescu said', 'mayor Teresa Albescu, said'],
    ['a typo fixed', 'rainfall was 42 percent below average', 'rainfall was 42 per cent below average'],
  ])('finds a quote whose wording changed a little (%s) as fuzzy, with a confidence', (_name, quote, replacement) => {
    const text = OLD.replace(quote, replacement);
    const result = anchor(text, targetOf(quote));
    expect(result.state).toBe('fuzzy');
    if (result.state === 'orphaned') return;
    expect(result.confidence).toBeGreaterThan(0.75);
    expect(result.confidence).toBeLessThan(1);
    expect(found(text, result)).toContain(replacement.slice(3, -3));
  });

  it('orphans a quote that is gone, or changed past recognition', () => {
    const quote = 'The ministry said rainfall was 42 percent below average.';
    expect(anchor(OLD.replace(quote, ''), targetOf(quote))).toEqual({ state: 'orphaned', confidence: 0 });
    expect(anchor(OLD.replace(quote, 'Officials gave no figures for the rain this year at all.'), targetOf(quote))).toEqual({ state: 'orphaned', confidence: 0 });
  });

  it('orphans a short quote that is not there exactly (too short to match approximately)', () => {
    expect(anchor('nothing here', { start: 0, end: 3, exact: 'abc', prefix: '', suffix: '' }).state).toBe('orphaned');
  });

  it('handles astral characters and combining marks as plain string indices', () => {
    const before = 'Intro. Flag 🇺🇦 and café — Київ said 𠀀 “no”.';
    const target = textTarget(before, before.indexOf('🇺🇦 and café'), before.indexOf('🇺🇦 and café') + '🇺🇦 and café'.length);
    const after = `New lede 👩‍👩‍👧.\n${before}`;
    const result = anchor(after, target);
    expect(result.state).toBe('moved');
    expect(found(after, result)).toBe('🇺🇦 and café');
  });
});
