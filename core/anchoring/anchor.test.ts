import { describe, expect, it } from 'vitest';
import { textTarget } from '../model/annotation.ts';
import { hypothesisAnchor } from '../../bench/hypothesis-baseline.ts';
import { anchor, anchorAll, needsReview, REVIEW_BELOW, type AnchorResult, type QuoteTarget } from './anchor.ts';

const OLD =
  'The city of Valmont declared a water emergency on Thursday. Mayor Teresa Albescu said: "If we do nothing, the taps will run dry by the end of September." ' +
  'The ministry said rainfall was 42 percent below average. The mayor said the taps will run dry soon.';

/** The target of the first occurrence of `quote` in OLD. */
const targetOf = (quote: string, occurrence = 1, text = OLD) => {
  let start = -1;
  for (let seen = 0; seen < occurrence; seen++) start = text.indexOf(quote, start + 1);
  return textTarget(text, start, start + quote.length);
};

const found = (text: string, result: AnchorResult | undefined) =>
  result === undefined || result.state === 'orphaned' ? undefined : text.slice(result.start, result.end);

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
    expect(anchor(OLD.replace(quote, 'Officials gave no figures for the rain this year at all.'), targetOf(quote))).toEqual({
      state: 'orphaned',
      confidence: 0,
    });
  });

  it('orphans a short quote that is not there exactly (too short to match approximately)', () => {
    expect(anchor('nothing here', { start: 0, end: 3, exact: 'abc', prefix: '', suffix: '' }).state).toBe('orphaned');
  });

  it('orphans an empty quote, and never reads a stored position outside the text', () => {
    expect(anchor(OLD, { start: 0, end: 0, exact: '', prefix: '', suffix: '' })).toEqual({ state: 'orphaned', confidence: 0 });
    const target = { ...targetOf('42 percent below average'), start: -5, end: 19 };
    expect(anchor(OLD, target)).toMatchObject({ state: 'moved', start: OLD.indexOf('42 percent') });
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

describe('anchor: an unchanged copy elsewhere against the edited original', () => {
  // A standing sentence repeated through a report; the analyst annotated the copy in section 2,
  // which the new version edited. Hypothesis' strategy takes the unchanged copy in section 1.
  const standing = 'Figures are provisional and may be revised when the final audit is published.';
  const one = `Reservoirs fell to 18 percent over the summer. ${standing} Rationing starts on Monday in the north.\n\n`;
  const two = `Leaks in the old mains cost a third of supply. ${standing} Questions go to the press office.\n\n`;
  const before = one + two;
  const edited = standing.replace('may be revised when', 'will be revised once');
  const after = one + two.replace(standing, edited);

  it('finds the edited original where it stands, not the copy', () => {
    const target = targetOf(standing, 2, before);
    const result = anchor(after, target);
    expect(result.state).toBe('fuzzy');
    expect(found(after, result)).toBe(edited);
    // The case this guards: Hypothesis' strategy puts the annotation on the copy in section one.
    const hypothesis = hypothesisAnchor(after, target);
    expect(hypothesis.state !== 'orphaned' && hypothesis.start < one.length).toBe(true);
  });

  it('flags a copy for review when the original is gone and nothing confirms the copy', () => {
    const target = targetOf(standing, 2, before);
    const gone = after.replace(`Leaks in the old mains cost a third of supply. ${edited}`, 'This section was withdrawn.');
    const result = anchor(gone, target);
    expect(result.state).toBe('fuzzy');
    expect(found(gone, result)).toBe(standing);
    expect(result.confidence).toBeLessThan(REVIEW_BELOW);
    expect(needsReview(result)).toBe(true);
  });
});

describe('anchor: what an approximate match may take in', () => {
  const text = 'The programme replaced 64 kilometres of old mains and cut water losses by almost half. I thank every crew that has worked.';
  const target = targetOf('cut water losses by almost half', 1, text);

  it('does not let a match run into the context to make up for a deleted half', () => {
    // "by almost half" (15 of 31 characters) is gone; an edit-distance match would borrow ". I thank ever" for it.
    expect(anchor(text.replace(' by almost half', ''), target)).toEqual({ state: 'orphaned', confidence: 0 });
  });

  it('keeps the span to the quote when less of it went, between its context', () => {
    const shorter = text.replace('by almost half', 'by half');
    const result = anchor(shorter, target);
    expect(result.state).toBe('fuzzy');
    expect(found(shorter, result)).toBe('cut water losses by half');
    expect(needsReview(result)).toBe(true); // 7 of 31 characters gone: confidence 0.774
  });
});

describe('anchor: a quote edited past what a match allows, between its unchanged context', () => {
  const quote = 'the taps will run dry by the end of September';

  it('takes the text between the context when more was inserted into the quote than a match allows (fuzzy, for review)', () => {
    // 32 characters inserted into 45: a match of the quote alone covered only its end.
    const edited = 'the taps, officials fear more than ever, will run dry by the end of September';
    const text = OLD.replace(quote, edited);
    const result = anchor(text, targetOf(quote));
    expect(result.state).toBe('fuzzy');
    expect(found(text, result)).toBe(edited);
    expect(needsReview(result)).toBe(true);
  });

  it('takes in words inserted before a full stop that ends the quote', () => {
    const sentence = 'The ministry said rainfall was 42 percent below average.';
    const text = OLD.replace('below average.', 'below average, the lowest since records began in 1871.');
    const result = anchor(text, targetOf(sentence));
    expect(found(text, result)).toBe('The ministry said rainfall was 42 percent below average, the lowest since records began in 1871.');
    expect(needsReview(result)).toBe(true);
  });

  it('keeps a match to the quote when the new text next to it does not begin as the quote did', () => {
    // The match leaves "officials warned that" out; the context would take it in.
    const text = OLD.replace(quote, 'officials warned that the taps could run dry by the end of September');
    const result = anchor(text, targetOf(quote));
    expect(found(text, result)).toBe('the taps could run dry by the end of September');
  });

  it('does not take a copy of a repeated passage away from where the annotation is expected', () => {
    // The sentence stands three times. In the new version, the first copy (annotated) is 107
    // characters further on, and the words before the quote changed; the second, a thousand
    // characters on, stands between the same context as the quote did. Taking it would look sure.
    const standing = 'Figures are provisional and may be revised when the final audit is published by the office.';
    const part = 'may be revised when the final audit is published';
    const night = 'Crews worked through the night on the mains. '.repeat(20);
    const week = 'The council meets again next week to decide. '.repeat(80);
    const before = `Report. ${standing} ${night}${standing} ${week}${standing} End.`;
    const lede =
      'Report, updated with the figures the office sent on Friday afternoon, after the audit of the northern network was finished.';
    const after = `${lede} ${standing.replace('Figures are provisional and', 'Numbers shown here')} ${night}${standing} ${week}${standing} End.`;
    const result = anchor(after, targetOf(part, 1, before));
    expect(result.state !== 'orphaned' && result.start).toBe(after.indexOf(part));
    expect(needsReview(result)).toBe(true);
  });
});

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vel', 'dor', 'pin', 'sul', 'ber', 'gan', 'tho', 'ris', 'mun', 'fel', 'sa', 'ne', 'zo'];
const VERBS = ['reported', 'denied', 'estimated', 'doubled', 'halved', 'questioned', 'approved', 'delayed'];

/** A long text of distinct sentences (seeded invented words), and targets on every tenth one. */
function longDocument(sentences: number): { text: string; targets: QuoteTarget[] } {
  let seed = 7;
  const next = (size: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * size);
  };
  const word = () => Array.from({ length: 1 + next(3) }, () => SYLLABLES[next(SYLLABLES.length)]).join('');
  const parts: string[] = [];
  for (let index = 0; index < sentences; index++) {
    const words = Array.from({ length: 5 + next(6) }, word);
    parts.push(`The ${words.join(' ')} ${VERBS[next(VERBS.length)]} ${next(1000)} cases in ${1990 + next(35)}.`);
  }
  const text = parts.join(' ');
  const targets: QuoteTarget[] = [];
  for (let index = 5; index < sentences; index += 10) {
    const start = parts.slice(0, index).join(' ').length + (index > 0 ? 1 : 0);
    targets.push(textTarget(text, start, start + parts[index]!.length));
  }
  return { text, targets };
}

/** `quote` with its first verb replaced: an edit of a few characters in the middle. */
const reworded = (quote: string) => quote.replace(/ (reported|denied|estimated|doubled|halved|questioned|approved|delayed) /, ' said ');

describe('anchorAll', () => {
  it('anchors nothing more than a position check on unchanged text', () => {
    const { text, targets } = longDocument(400);
    const results = anchorAll(text, targets);
    expect(results.every((result) => result.state === 'exact')).toBe(true);
    expect(results.map((result) => found(text, result))).toEqual(targets.map((target) => target.exact));
  });

  it('returns results in the order of the targets, whatever their order in the text', () => {
    const { text, targets } = longDocument(200);
    const shuffled = [targets[7]!, targets[0]!, targets[19]!, targets[3]!];
    const changed = `Preface.\n\n${text}`;
    expect(anchorAll(changed, shuffled).map((result) => found(changed, result))).toEqual(shuffled.map((target) => target.exact));
  });

  it('carries the drift of each edit to the annotations after it', () => {
    const { text, targets } = longDocument(400);
    // Edits every few thousand characters, each shifting everything after it.
    const parts = text.split('. ');
    for (const at of [30, 120, 250]) parts[at] += ' (an added remark of some length)';
    const edited = targets[10]!.exact;
    const changed = parts.join('. ').replace(edited, reworded(edited));
    const results = anchorAll(changed, targets);
    expect(results.filter((result) => result.state === 'moved').length).toBeGreaterThan(30);
    results.forEach((result, index) => {
      if (index === 10) expect(found(changed, result)).toBe(reworded(edited));
      else expect(found(changed, result)).toBe(targets[index]!.exact);
    });
  });

  it('finds annotations after an insertion larger than its window, by the exact quote', () => {
    const { text, targets } = longDocument(300);
    const changed = `${'A long new introduction. '.repeat(400)}\n\n${text}`; // 10,000 characters, window 2,048
    const results = anchorAll(changed, targets);
    expect(results.map((result) => result.state)).toEqual(targets.map(() => 'moved'));
  });

  it('finds an edited annotation right after a large insertion by aiming with the next one', () => {
    const { text, targets } = longDocument(300);
    const first = targets[0]!;
    const edited = reworded(first.exact);
    const changed = `${'A long new introduction. '.repeat(400)}\n\n${text.replace(first.exact, edited)}`;
    const [result] = anchorAll(changed, targets, { wholeTextFuzzyUpTo: 0 });
    expect(result).toMatchObject({ state: 'fuzzy' });
    expect(found(changed, result)).toBe(edited);
  });

  it('searches a long text approximately only around the expected place (the documented trade-off)', () => {
    const { text, targets } = longDocument(300);
    const target = targets[2]!;
    const edited = reworded(target.exact);
    // The annotated sentence moved 10,000 characters away and was edited: outside the window.
    const moved = `${text.replace(`${target.exact} `, '')} ${edited}`;
    expect(anchorAll(moved, [target], { wholeTextFuzzyUpTo: 0 })[0]).toEqual({ state: 'orphaned', confidence: 0 });
    // In a text short enough, the whole text is searched approximately too.
    expect(found(moved, anchorAll(moved, [target])[0])).toBe(edited);
  });

  it('finds an edited passage moved beyond the window in a short text, its context moved with it', () => {
    const passage = 'Engineers said the old mains leak a third of all the water the city pumps, a figure the utility disputes.';
    const filler = Array.from({ length: 120 }, (_value, index) => `Filler sentence number ${index} says nothing at all.`).join(' ');
    const before = `Intro.\n\n${passage}\n\n${filler}\n\nThe end.`;
    const after = `Intro.\n\n${filler}\n\n${passage.replace('a third of all', 'nearly a third of')}\n\nThe end.`;
    // Found by the approximate search of the whole text, and confirmed by its context on both sides.
    const result = anchor(after, targetOf('leak a third of all the water', 1, before));
    expect(result.state).toBe('fuzzy');
    expect(found(after, result)).toBe('leak nearly a third of the water');
  });

  it('gives every annotation of a batch the same result as anchoring it alone, when nothing else changed', () => {
    const { text, targets } = longDocument(100);
    const changed = text.replace(targets[4]!.exact, reworded(targets[4]!.exact));
    const batch = anchorAll(changed, targets);
    targets.forEach((target, index) => expect(batch[index]).toEqual(anchor(changed, target)));
  });
});

describe('needsReview', () => {
  it.each<[string, AnchorResult, boolean]>([
    ['exact', { state: 'exact', start: 0, end: 1, confidence: 1 }, false],
    ['moved', { state: 'moved', start: 0, end: 1, confidence: 1 }, false],
    ['a sure fuzzy match', { state: 'fuzzy', start: 0, end: 1, confidence: REVIEW_BELOW }, false],
    ['an unsure fuzzy match', { state: 'fuzzy', start: 0, end: 1, confidence: REVIEW_BELOW - 0.001 }, true],
    ['an orphan', { state: 'orphaned', confidence: 0 }, true],
  ])('%s', (_name, result, expected) => expect(needsReview(result)).toBe(expected));
});
