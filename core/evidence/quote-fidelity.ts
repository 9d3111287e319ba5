// Quote fidelity: how a quotation differs from the source it came from, word by word, so the
// analyst sees at once a dropped "probably", a 40 that became 14, or only curly quote marks.
import { foldText } from './fold-text.ts';
import { isEditorialInsertion, sameButContractions } from './quote-conventions.ts';

export { foldText } from './fold-text.ts';

/** Words of the quote and of the source, as they are written, in one stretch of the comparison. */
export interface QuoteOp {
  /**
   * `same`: the words match (perhaps not in case or punctuation); `changed`: the quote has other
   * words in their place; `dropped`: source words the quote leaves out; `added`: quote words the
   * source does not have; `editorial`: an editor's words in square brackets, added or in place of
   * source words ("[the Russians]" for "they"); `contraction`: the same words with a contraction
   * made or written out ("We'll" for "We will"). See quote-conventions.ts.
   */
  readonly kind: 'same' | 'changed' | 'dropped' | 'added' | 'editorial' | 'contraction';
  readonly quote: readonly string[];
  readonly source: readonly string[];
}

export interface QuoteComparison {
  readonly ops: readonly QuoteOp[];
  /** How many stretches of each kind (not words): "2 changes, 1 omission". */
  readonly counts: {
    readonly changed: number;
    readonly dropped: number;
    readonly added: number;
    readonly editorial: number;
    readonly contractions: number;
  };
  /**
   * `verbatim`: the same text but for spacing; `cosmetic`: the same words, differing only in case,
   * punctuation, quote marks or dashes; `conventions`: besides those, only editorial brackets and
   * contractions; `altered`: words changed, dropped or added.
   */
  readonly verdict: 'verbatim' | 'cosmetic' | 'conventions' | 'altered';
}

/**
 * Compares a quotation with its source text. Quotation marks around either are ignored.
 * @example compareQuote('We will not raise taxes', 'We will probably not raise taxes').ops
 * // [{ kind: 'same', quote: ['We', 'will'], … }, { kind: 'dropped', quote: [], source: ['probably'] }, { kind: 'same', … }]
 */
export function compareQuote(quote: string, source: string): QuoteComparison {
  const quoteText = unquote(quote);
  const sourceText = unquote(source);
  const ops = opsOf(tokenize(quoteText), tokenize(sourceText)).map(byConvention);
  const count = (kind: QuoteOp['kind']): number => ops.filter((op) => op.kind === kind).length;
  const counts = {
    changed: count('changed'),
    dropped: count('dropped'),
    added: count('added'),
    editorial: count('editorial'),
    contractions: count('contraction'),
  };
  const verdict =
    collapseSpaces(quoteText) === collapseSpaces(sourceText)
      ? 'verbatim'
      : ops.every((op) => op.kind === 'same')
        ? 'cosmetic'
        : counts.changed + counts.dropped + counts.added === 0
          ? 'conventions'
          : 'altered';
  return { ops, counts, verdict };
}

/** A change or addition that quoting conventions allow, told as what it is (quote-conventions.ts). */
function byConvention(op: QuoteOp): QuoteOp {
  if ((op.kind === 'added' || op.kind === 'changed') && isEditorialInsertion(op.quote)) return { ...op, kind: 'editorial' };
  if (op.kind === 'changed' && sameButContractions(op.quote, op.source)) return { ...op, kind: 'contraction' };
  return op;
}

interface Token {
  /** As written, with the punctuation around it. */
  readonly text: string;
  /** What is compared: folded, without punctuation (except inside numbers); never empty. */
  readonly key: string;
}

/** Quotation marks that may wrap a quote (or a source span) without being part of it. */
const WRAPPING_MARKS =
  /^[\s"'\u2018-\u201f\u00ab\u00bb\u2039\u203a\u300c-\u300f\uff02]+|[\s"'\u2018-\u201f\u00ab\u00bb\u2039\u203a\u300c-\u300f\uff02]+$/gu;

function unquote(text: string): string {
  return text.replace(WRAPPING_MARKS, '');
}

function collapseSpaces(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Characters that are words on their own: Chinese characters, kana, emoji and flags. */
const OWN_WORD =
  /[\p{Script=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
const OPENING = /^[\p{Ps}\p{Pi}"']+$/u;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * The words of `text`: runs between spaces and dashes, with each CJK character and emoji a word of its own.
 * Punctuation standing alone ("—", "。") joins the word before it, or the next when it opens.
 */
function tokenize(text: string): Token[] {
  const tokens: { text: string; key: string }[] = [];
  let opening = '';
  for (const chunk of text.split(/\s+/u)) {
    piecesOf(chunk).forEach((piece, index) => {
      const key = keyOf(piece);
      const last = tokens.at(-1);
      if (key !== '') tokens.push({ text: opening + piece, key });
      else if (last && !OPENING.test(piece)) last.text += (index === 0 ? ' ' : '') + piece;
      else opening += piece;
      if (key !== '') opening = '';
    });
  }
  return tokens;
}

/**
 * Dashes between words: any dash but a lone hyphen, two or more hyphens ("--"), or a hyphen
 * between digits ("2020-2024", as "2020–2024" is). "re-elected" and "-5" stay one word.
 */
const DASHES = /((?:(?![-\u2010\u2011])\p{Pd}|[-\u2010\u2011]{2,}|(?<=\p{N})[-\u2010\u2011](?=\p{N}))+)/u;

/** A chunk's words: split at dashes and around the characters that are words on their own. */
function piecesOf(chunk: string): string[] {
  return chunk
    .split(DASHES)
    .filter((part) => part !== '')
    .flatMap(splitOwnWords);
}

/** Splits off the characters that are words on their own; the rest stays in runs. */
function splitOwnWords(part: string): string[] {
  if (!OWN_WORD.test(part)) return [part];
  const pieces: string[] = [];
  let run = '';
  for (const { segment } of graphemes.segment(part)) {
    if (!OWN_WORD.test(segment)) {
      run += segment;
      continue;
    }
    if (run !== '') pieces.push(run);
    pieces.push(segment);
    run = '';
  }
  if (run !== '') pieces.push(run);
  return pieces;
}

/**
 * The comparison key: folded, punctuation removed except between digits ("4,000", "40.5") and a
 * minus before one ("-5"), so "U.S." matches "US" but 40.5 never matches 405.
 */
function keyOf(word: string): string {
  return foldText(word).replace(/\p{P}+/gu, (run: string, offset: number, whole: string) => {
    const digitBefore = /\p{N}/u.test(whole[offset - 1] ?? '');
    const digitAfter = /\p{N}/u.test(whole[offset + run.length] ?? '');
    if (digitBefore && digitAfter) return run;
    return offset === 0 && digitAfter && run.endsWith('-') ? '-' : '';
  });
}

/** A stretch of the comparison, with the tokens of each side. */
interface Stretch {
  readonly kind: QuoteOp['kind'];
  readonly quote: readonly Token[];
  readonly source: readonly Token[];
}

/** The diff as ops: matched words are `same`; what lies between two matches is changed, dropped or added. */
function opsOf(quote: readonly Token[], source: readonly Token[]): QuoteOp[] {
  const stretches: Stretch[] = [];
  let q = 0;
  let s = 0;
  let sameFrom: [number, number] | undefined;
  const flush = (quoteEnd: number, sourceEnd: number): void => {
    if (sameFrom) stretches.push({ kind: 'same', quote: quote.slice(sameFrom[0], q), source: source.slice(sameFrom[1], s) });
    sameFrom = undefined;
    if (quoteEnd > q || sourceEnd > s) stretches.push(gapOf(quote.slice(q, quoteEnd), source.slice(s, sourceEnd)));
  };
  for (const [quoteIndex, sourceIndex] of matchWords(quote, source)) {
    if (quoteIndex > q || sourceIndex > s) flush(quoteIndex, sourceIndex);
    sameFrom ??= [quoteIndex, sourceIndex];
    q = quoteIndex + 1;
    s = sourceIndex + 1;
  }
  flush(quote.length, source.length);
  return joinGaps(stretches).map((stretch) => ({
    kind: stretch.kind,
    quote: stretch.quote.map((token) => token.text),
    source: stretch.source.map((token) => token.text),
  }));
}

function gapOf(quote: readonly Token[], source: readonly Token[]): Stretch {
  return { kind: quote.length === 0 ? 'dropped' : source.length === 0 ? 'added' : 'changed', quote, source };
}

/**
 * Moves words dropped or added on one side across a run of same words into the next difference,
 * where repeated words allow it: "the zzz the" against "the the the" is one change, not an added
 * "zzz" and a dropped "the" a word apart. A shortest diff may align either way; this way reads.
 */
function joinGaps(stretches: Stretch[]): Stretch[] {
  for (let index = 0; index < stretches.length; index++) {
    const gap = stretches[index]!;
    if (gap.kind !== 'dropped' && gap.kind !== 'added') continue;
    const side = gap.kind === 'dropped' ? 'source' : 'quote';
    for (const direction of [-1, 1] as const) {
      const same = stretches[index + direction];
      const other = stretches[index + 2 * direction];
      if (same?.kind !== 'same' || !other || other.kind === 'same') continue;
      const moved = direction < 0 ? [...same[side], ...gap[side]] : [...gap[side], ...same[side]];
      const width = gap[side].length;
      if (!same[side].every((_, i) => moved[i]!.key === moved[i + width]!.key)) continue;
      const [gapPart, samePart] =
        direction < 0 ? [moved.slice(0, width), moved.slice(width)] : [moved.slice(same[side].length), moved.slice(0, same[side].length)];
      const joined = gapOf(
        side === 'quote' ? (direction < 0 ? [...other.quote, ...gapPart] : [...gapPart, ...other.quote]) : other.quote,
        side === 'source' ? (direction < 0 ? [...other.source, ...gapPart] : [...gapPart, ...other.source]) : other.source,
      );
      const shifted = { ...same, [side]: samePart };
      const replacement = direction < 0 ? [joined, shifted] : [shifted, joined];
      stretches.splice(Math.min(index, index + 2 * direction), 3, ...replacement);
      joinSames(stretches);
      index = Math.max(-1, index - 3);
      break;
    }
  }
  return stretches;
}

/** Makes neighbouring runs of same words one run. */
function joinSames(stretches: Stretch[]): void {
  for (let index = stretches.length - 1; index > 0; index--) {
    const [first, second] = [stretches[index - 1]!, stretches[index]!];
    if (first.kind === 'same' && second.kind === 'same') {
      stretches.splice(index - 1, 2, {
        kind: 'same',
        quote: [...first.quote, ...second.quote],
        source: [...first.source, ...second.source],
      });
    }
  }
}

/**
 * Pairs of matching words (quote index, source index), as many as possible, in order. Words found
 * on one side only cannot match, so they are set aside first: a quote compared with an unrelated
 * span costs next to nothing.
 */
function matchWords(quote: readonly Token[], source: readonly Token[]): [number, number][] {
  const ids = new Map<string, number>();
  const idOf = (token: Token): number => {
    if (!ids.has(token.key)) ids.set(token.key, ids.size);
    return ids.get(token.key)!;
  };
  const quoteIds = quote.map(idOf);
  const inQuote = new Set(quoteIds);
  const sourceIds = source.map(idOf);
  const inSource = new Set(sourceIds);
  const quoteKept = quoteIds.flatMap((id, index) => (inSource.has(id) ? [index] : []));
  const sourceKept = sourceIds.flatMap((id, index) => (inQuote.has(id) ? [index] : []));
  const pairs = commonSubsequence(
    Int32Array.from(quoteKept, (index) => quoteIds[index]!),
    Int32Array.from(sourceKept, (index) => sourceIds[index]!),
  );
  return pairs.map(([a, b]) => [quoteKept[a]!, sourceKept[b]!]);
}

/**
 * A longest common subsequence of `a` and `b`, as pairs of indices in order: Myers' O((N+M)·D)
 * diff in linear space (split where the edit path crosses its middle, as diff-match-patch does).
 * @example commonSubsequence(Int32Array.of(1, 2, 3), Int32Array.of(2, 3, 4)) // [[1, 0], [2, 1]]
 */
export function commonSubsequence(a: Int32Array, b: Int32Array): [number, number][] {
  const pairs: [number, number][] = [];
  diffRange(a, 0, a.length, b, 0, b.length, pairs);
  return pairs;
}

/** Appends the matches of a[aLo, aHi) and b[bLo, bHi) to `out`, taking off a common prefix and suffix first. */
function diffRange(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number, out: [number, number][]): void {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) out.push([aLo++, bLo++]);
  let suffix = 0;
  while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
    aHi--;
    bHi--;
    suffix++;
  }
  if (aLo < aHi && bLo < bHi) {
    const split = middleOf(a, aLo, aHi, b, bLo, bHi);
    if (split) {
      diffRange(a, aLo, split[0], b, bLo, split[1], out);
      diffRange(a, split[0], aHi, b, split[1], bHi, out);
    }
  }
  for (let k = 0; k < suffix; k++) out.push([aHi + k, bHi + k]);
}

/**
 * Where a shortest edit path from (aLo, bLo) to (aHi, bHi) crosses its middle, found by walking
 * from both ends at once; undefined when the ranges have nothing in common.
 */
function middleOf(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number): [number, number] | undefined {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const maxD = Math.ceil((n + m) / 2);
  const offset = maxD;
  const forward = new Int32Array(2 * maxD + 2).fill(-1);
  const backward = new Int32Array(2 * maxD + 2).fill(-1);
  forward[offset + 1] = 0;
  backward[offset + 1] = 0;
  const delta = n - m;
  // With an odd delta the forward walk meets the backward one; with an even one, the reverse.
  const forwardMeets = delta % 2 !== 0;
  let [k1start, k1end, k2start, k2end] = [0, 0, 0, 0];
  for (let d = 0; d < maxD; d++) {
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const k1o = offset + k1;
      let x1 = k1 === -d || (k1 !== d && forward[k1o - 1]! < forward[k1o + 1]!) ? forward[k1o + 1]! : forward[k1o - 1]! + 1;
      let y1 = x1 - k1;
      while (x1 < n && y1 < m && a[aLo + x1] === b[bLo + y1]) {
        x1++;
        y1++;
      }
      forward[k1o] = x1;
      if (x1 > n) k1end += 2;
      else if (y1 > m) k1start += 2;
      else if (forwardMeets) {
        const k2o = offset + delta - k1;
        if (k2o >= 0 && k2o < forward.length && backward[k2o] !== -1 && x1 >= n - backward[k2o]!) return [aLo + x1, bLo + y1];
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const k2o = offset + k2;
      let x2 = k2 === -d || (k2 !== d && backward[k2o - 1]! < backward[k2o + 1]!) ? backward[k2o + 1]! : backward[k2o - 1]! + 1;
      let y2 = x2 - k2;
      while (x2 < n && y2 < m && a[aHi - x2 - 1] === b[bHi - y2 - 1]) {
        x2++;
        y2++;
      }
      backward[k2o] = x2;
      if (x2 > n) k2end += 2;
      else if (y2 > m) k2start += 2;
      else if (!forwardMeets) {
        const k1o = offset + delta - k2;
        if (k1o >= 0 && k1o < forward.length && forward[k1o] !== -1 && forward[k1o]! >= n - x2) {
          const x1 = forward[k1o]!;
          return [aLo + x1, bLo + x1 - (k1o - offset)];
        }
      }
    }
  }
  return undefined;
}
