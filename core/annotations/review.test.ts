import { describe, expect, it } from 'vitest';
import { anchorAll, type AnchorResult } from '../anchoring/anchor.ts';
import { textTarget, type Annotation } from '../model/annotation.ts';
import { awaitsReview, earlierQuote, reanchored } from './review.ts';

const OLD_HASH = 'a'.repeat(64);
const NEW_HASH = 'b'.repeat(64);

const oldText =
  'Press conference, 14 November.\n\nDespite the losses of the occupiers, their quantity is ten times bigger than ours. ' +
  'We will hold the line on the Dnipro river. The mayor thanked the volunteers.';

function annotationOn(quote: string, id = quote.slice(0, 8).replace(/\W/g, '_')): Annotation {
  const start = oldText.indexOf(quote);
  return {
    id,
    target: textTarget(oldText, start, start + quote.length),
    anchor: { state: 'exact', textHash: OLD_HASH },
    tags: [],
    speaker: '',
    outlet: '',
    status: 'unverified',
    note: '',
    creator: '',
    created: '2026-12-01T10:00:00.000Z',
    modified: '2026-12-01T10:00:00.000Z',
  };
}

/** Every annotation re-anchored in `newText` as a new version does it. */
function newVersion(newText: string, annotations: readonly Annotation[], withEvidence: ReadonlySet<string>): Annotation[] {
  const results = anchorAll(
    newText,
    annotations.map((annotation) => annotation.target),
  );
  const version = { text: newText, textHash: NEW_HASH, previousTextHash: OLD_HASH };
  return annotations.map((annotation, index) => reanchored(annotation, results[index]!, version, withEvidence.has(annotation.id)));
}

const misquote = annotationOn('their quantity is ten times bigger than ours', 'misquote');
const river = annotationOn('We will hold the line on the Dnipro river.', 'river');
const mayor = annotationOn('The mayor thanked the volunteers.', 'mayor');
// One word changed in the quoted sentence, a line added at the top: everything after it moved.
const newText = `Updated 15 November.\n${oldText.replace('their quantity is', 'their number is')}`;

describe('a new version and annotations that carry evidence', () => {
  it('sends an annotation with a link or claim mention whose words changed to review, keeping its quote, whatever its confidence', () => {
    const [after] = newVersion(newText, [misquote, river, mayor], new Set(['misquote', 'river']));
    // One word of 44 characters: an approximate match the confidence rule alone would accept.
    expect(after!.anchor.state).toBe('fuzzy');
    expect(after!.anchor.confidence).toBeGreaterThanOrEqual(0.8);
    expect(after!.target.exact).toBe('their number is ten times bigger than ours');
    expect(after!.anchor).toMatchObject({
      review: 'evidence',
      previousQuote: 'their quantity is ten times bigger than ours',
      textHash: NEW_HASH,
    });
    expect(awaitsReview(after!.anchor)).toBe(true);
    expect(earlierQuote(after!)).toBe('their quantity is ten times bigger than ours');
  });

  it('does not send an annotation with evidence whose words are unchanged (only shifted by an edit elsewhere)', () => {
    const [, after] = newVersion(newText, [misquote, river, mayor], new Set(['misquote', 'river']));
    expect(after!.anchor.state).toBe('moved');
    expect(after!.target.exact).toBe(river.target.exact);
    expect(after!.anchor.review).toBeUndefined();
    expect(awaitsReview(after!.anchor)).toBe(false);
    expect(earlierQuote(after!)).toBeUndefined();
  });

  it('leaves an annotation without evidence to the confidence rule', () => {
    const [after] = newVersion(newText, [misquote, river, mayor], new Set(['river']));
    expect(after!.anchor.state).toBe('fuzzy');
    expect(after!.anchor.review).toBeUndefined();
    // Still keeps the quote it had, as every approximate match does, but is sure enough not to wait.
    expect(after!.anchor.previousQuote).toBe('their quantity is ten times bigger than ours');
    expect(awaitsReview(after!.anchor)).toBe(after!.anchor.confidence! < 0.9);
  });

  it('keeps an orphan with evidence in review and its span on the text it was lost from', () => {
    const lost: AnchorResult = { state: 'orphaned', confidence: 0 };
    const after = reanchored(mayor, lost, { text: 'Entirely new.', textHash: NEW_HASH, previousTextHash: OLD_HASH }, true);
    expect(after.anchor).toEqual({
      state: 'orphaned',
      confidence: 0,
      previousQuote: mayor.target.exact,
      review: 'evidence',
      textHash: OLD_HASH,
    });
    expect(after.target).toEqual(mayor.target);
  });

  it('gives every re-anchored annotation its next version: a window editing it from before the new version gets a conflict', () => {
    const version = { text: 'Entirely new.', textHash: NEW_HASH, previousTextHash: OLD_HASH };
    expect(reanchored(mayor, { state: 'orphaned', confidence: 0 }, version, false).version).toBe((mayor.version ?? 1) + 1);
    const placed = reanchored({ ...mayor, version: 7 }, { state: 'exact', start: 0, end: 8, confidence: 1 }, version, false);
    expect(placed.version).toBe(8);
  });

  it('keeps an annotation waiting through a further version, and keeps the first quote it had', () => {
    const [v2] = newVersion(newText, [misquote], new Set(['misquote']));
    const v3Text = newText.replace('Updated 15 November.', 'Updated 16 November, 09:00.');
    const results = anchorAll(v3Text, [v2!.target]);
    const v3 = reanchored(v2!, results[0]!, { text: v3Text, textHash: OLD_HASH, previousTextHash: NEW_HASH }, true);
    expect(v3.anchor).toMatchObject({ review: 'evidence', previousQuote: 'their quantity is ten times bigger than ours' });
  });

  it('sends an annotation with evidence whose words are unchanged but whose place nothing confirms', () => {
    // The same words, found where neither context nor neighbours confirm them (a copy elsewhere?).
    const start = oldText.indexOf(mayor.target.exact);
    const unconfirmed: AnchorResult = { state: 'fuzzy', start, end: start + mayor.target.exact.length, confidence: 0.95 };
    const version = { text: oldText, textHash: NEW_HASH, previousTextHash: OLD_HASH };
    expect(reanchored(mayor, unconfirmed, version, true).anchor).toMatchObject({ review: 'evidence', previousQuote: mayor.target.exact });
    expect(earlierQuote(reanchored(mayor, unconfirmed, version, true))).toBeUndefined();
    expect(reanchored(mayor, unconfirmed, version, false).anchor.review).toBeUndefined();
  });

  it('does not send an exact, unmoved annotation with evidence', () => {
    const same = reanchored(
      mayor,
      { state: 'exact', start: mayor.target.start, end: mayor.target.end, confidence: 1 },
      {
        text: oldText,
        textHash: NEW_HASH,
        previousTextHash: OLD_HASH,
      },
      true,
    );
    expect(same.anchor).toEqual({ state: 'exact', confidence: 1, textHash: NEW_HASH });
    expect(awaitsReview(same.anchor)).toBe(false);
  });
});

describe('awaitsReview', () => {
  it.each([
    [{ state: 'exact' as const }, false],
    [{ state: 'moved' as const, confidence: 1 }, false],
    [{ state: 'fuzzy' as const, confidence: 0.95 }, false],
    [{ state: 'fuzzy' as const, confidence: 0.5 }, true],
    [{ state: 'orphaned' as const, confidence: 0 }, true],
    [{ state: 'fuzzy' as const, confidence: 0.99, review: 'evidence' as const }, true],
    [{ state: 'moved' as const, confidence: 1, review: 'evidence' as const }, true],
  ])('%o → %s', (anchor, expected) => {
    expect(awaitsReview(anchor)).toBe(expected);
  });
});
