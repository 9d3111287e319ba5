import { describe, expect, it } from 'vitest';
import { commonSubsequence, compareQuote, foldText, type QuoteOp } from './quote-fidelity.ts';
import { seeded } from '../../tests/support/seeded.ts';

/** One line per op: "= same words", "- dropped source words", "+ added quote words", "~ quote / source". */
function summary(ops: readonly QuoteOp[]): string[] {
  return ops.map((op) => {
    if (op.kind === 'same') return `= ${op.quote.join(' ')}`;
    if (op.kind === 'dropped') return `- ${op.source.join(' ')}`;
    if (op.kind === 'added') return `+ ${op.quote.join(' ')}`;
    if (op.kind === 'editorial') return `[] ${op.quote.join(' ')}${op.source.length > 0 ? ` / ${op.source.join(' ')}` : ''}`;
    if (op.kind === 'contraction') return `' ${op.quote.join(' ')} / ${op.source.join(' ')}`;
    return `~ ${op.quote.join(' ')} / ${op.source.join(' ')}`;
  });
}

describe('compareQuote', () => {
  it.each([
    // [name, quote, source, verdict, ops]
    [
      'the exact words',
      'We will not raise taxes this year',
      'We will not raise taxes this year',
      'verbatim',
      ['= We will not raise taxes this year'],
    ],
    [
      'the exact words, quoted and wrapped over lines',
      '“We will not\n  raise taxes”',
      'We will not raise taxes',
      'verbatim',
      ['= We will not raise taxes'],
    ],
    [
      'French guillemets',
      '« Nous ne lèverons pas les impôts »',
      'Nous ne lèverons pas les impôts',
      'verbatim',
      ['= Nous ne lèverons pas les impôts'],
    ],
    ['decomposed accents', 'un cafe\u0301 gratuit', 'un café gratuit', 'verbatim', ['= un cafe\u0301 gratuit']],
    [
      'the end of the sentence cut off',
      'We will not raise taxes this year',
      'We will not raise taxes this year, or next',
      'altered',
      ['= We will not raise taxes this year', '- or next'],
    ],
    [
      'words the source does not have',
      'We will not raise taxes this year, or next',
      'We will not raise taxes this year',
      'altered',
      ['= We will not raise taxes this year,', '+ or next'],
    ],
    [
      'a dropped qualifier',
      'We will not raise taxes',
      'We will probably not raise taxes',
      'altered',
      ['= We will', '- probably', '= not raise taxes'],
    ],
    [
      'a changed number',
      'Crime fell by 40 percent last year',
      'Crime fell by 14 percent last year',
      'altered',
      ['= Crime fell by', '~ 40 / 14', '= percent last year'],
    ],
    ['a changed decimal', 'Growth was 40.5 percent', 'Growth was 405 percent', 'altered', ['= Growth was', '~ 40.5 / 405', '= percent']],
    ['a dropped minus sign', 'Exports grew 5 percent', 'Exports grew −5 percent', 'altered', ['= Exports grew', '~ 5 / −5', '= percent']],
    [
      'a word replaced by two',
      'We will cut spending',
      'We shall probably cut spending',
      'altered',
      ['= We', '~ will / shall probably', '= cut spending'],
    ],
    [
      'a word replaced next to its repeat',
      'We had zzz had enough',
      'We had had had enough',
      'altered',
      ['= We had', '~ zzz / had', '= had enough'],
    ],
    [
      'a word replaced inside a repetition',
      'he said no, no, zzz no',
      'he said no, no, no, no',
      'altered',
      ['= he said no, no,', '~ zzz / no,', '= no'],
    ],
    ['words moved', 'taxes will not rise', 'will taxes not rise', 'altered', ['+ taxes', '= will', '- taxes', '= not rise']],
    [
      'curly instead of straight quotes',
      'He called the plan “dead on arrival” on Monday',
      'He called the plan "dead on arrival" on Monday',
      'cosmetic',
      ['= He called the plan “dead on arrival” on Monday'],
    ],
    ['a curly apostrophe', 'We don’t back down', "We don't back down", 'cosmetic', ['= We don’t back down']],
    ['another case', 'the Mayor said no', 'The mayor said no', 'cosmetic', ['= the Mayor said no']],
    ['other end punctuation', 'We will win!', 'We will win.', 'cosmetic', ['= We will win!']],
    [
      'em dashes for double hyphens',
      'We don’t—ever—back down.',
      "We don't -- ever -- back down.",
      'cosmetic',
      ['= We don’t— ever— back down.'],
    ],
    ['an en dash range for a hyphen range', 'in 2020–2024', 'in 2020-2024', 'cosmetic', ['= in 2020– 2024']],
    ['a Unicode ellipsis', 'Taxes… will fall', 'Taxes... will fall', 'cosmetic', ['= Taxes… will fall']],
    ['dots in an abbreviation', 'U.S. troops left', 'US troops left', 'cosmetic', ['= U.S. troops left']],
    ['a hyphen dropped inside a word', 'He was reelected', 'He was re-elected', 'cosmetic', ['= He was reelected']],
    [
      'an ellipsis standing for dropped words',
      'We will … cut spending',
      'We will, if re-elected, cut spending',
      'altered',
      ['= We will …', '- if re-elected,', '= cut spending'],
    ],
    ['an empty quote', '', 'Taxes will rise', 'altered', ['- Taxes will rise']],
    // Quoting conventions: an editor's words in brackets, contractions made or written out.
    [
      'a bracketed editorial substitution',
      'Despite the losses, [the Russians] have ten times more',
      'Despite the losses, they have ten times more',
      'conventions',
      ['= Despite the losses,', '[] [the Russians] / they', '= have ten times more'],
    ],
    [
      'a bracketed insertion',
      'The mayor [of Kherson] said so',
      'The mayor said so',
      'conventions',
      ['= The mayor', '[] [of Kherson]', '= said so'],
    ],
    [
      "a contraction made (We'll for We will)",
      "We'll hold the line",
      'We will hold the line',
      'conventions',
      ["' We'll / We will", '= hold the line'],
    ],
    ['a contraction written out', 'They will not pass', 'They won’t pass', 'conventions', ['= They', "' will not / won’t", '= pass']],
    ['cannot and can’t', 'We cannot wait', 'We can’t wait', 'conventions', ['= We', "' cannot / can’t", '= wait']],
    [
      'a convention beside a real change stays apart from it',
      "We'll hold the number",
      'We will hold the quantity',
      'altered',
      ["' We'll / We will", '= hold the', '~ number / quantity'],
    ],
    [
      'brackets around part of a change are no excuse',
      '[the Russians] will attack',
      'they would attack',
      'altered',
      ['~ [the Russians] will / they would', '= attack'],
    ],
    ['a contraction of other words is a change', "We'd go", 'We will go', 'altered', ["~ We'd / We will", '= go']],
    ['two empty texts', '“”', '', 'verbatim', []],
  ])('%s', (_name, quote, source, verdict, ops) => {
    const result = compareQuote(quote, source);
    expect(summary(result.ops)).toEqual(ops);
    expect(result.verdict).toBe(verdict);
  });

  it('counts the places the quote differs, not the words', () => {
    const result = compareQuote('We will cut taxes by 40 percent now', 'We will probably cut taxes by 14 percent in 2026');
    expect(summary(result.ops)).toEqual(['= We will', '- probably', '= cut taxes by', '~ 40 / 14', '= percent', '~ now / in 2026']);
    expect(result.counts).toEqual({ changed: 2, dropped: 1, added: 0, editorial: 0, contractions: 0 });
  });

  it('keeps each side\'s spelling in a "same" op', () => {
    const [op] = compareQuote('“Don’t PANIC,”', "don't panic.").ops;
    expect(op).toEqual({ kind: 'same', quote: ['Don’t', 'PANIC,'], source: ["don't", 'panic.'] });
  });

  describe('Chinese, Japanese and emoji', () => {
    it.each([
      [
        'Chinese: words left out',
        '我们今年不会加税。',
        '我们今年和明年都不会加税。',
        'altered',
        ['= 我 们 今 年', '- 和 明 年 都', '= 不 会 加 税。'],
      ],
      ['Chinese: a changed figure', '失业率下降了40%', '失业率下降了14%', 'altered', ['= 失 业 率 下 降 了', '~ 40% / 14%']],
      ['Chinese: full-width digits', '失业率下降了４０％', '失业率下降了40%', 'cosmetic', ['= 失 业 率 下 降 了 ４０％']],
      ['Chinese: corner brackets around the quote', '「我们不会加税」', '我们不会加税', 'verbatim', ['= 我 们 不 会 加 税']],
      [
        'Japanese: kana and kanji',
        '私たちは税金を上げません',
        '私たちは来年も税金を上げません',
        'altered',
        ['= 私 た ち は', '- 来 年 も', '= 税 金 を 上 げ ま せ ん'],
      ],
      ['an emoji added', 'Great news 🎉🎉 for all', 'Great news 🎉 for all', 'altered', ['= Great news 🎉', '+ 🎉', '= for all']],
      ['an emoji swapped', 'Voters 👍 the plan', 'Voters 👎 the plan', 'altered', ['= Voters', '~ 👍 / 👎', '= the plan']],
      ['a family emoji kept whole', 'For every 👨‍👩‍👧', 'For every 👨‍👩‍👧', 'verbatim', ['= For every 👨‍👩‍👧']],
      ['an emoji with and without its variation selector', 'I ❤️ NY', 'I ❤ NY', 'cosmetic', ['= I ❤️ NY']],
    ])('%s', (_name, quote, source, verdict, ops) => {
      const result = compareQuote(quote, source);
      expect(summary(result.ops)).toEqual(ops);
      expect(result.verdict).toBe(verdict);
    });
  });

  it('on random texts, keeps every word once, matches as many as possible, and never splits a run of same words', () => {
    const random = seeded(11);
    const text = (): string[] =>
      Array.from({ length: Math.floor(random() * 25) }, () => ['no', 'yes', 'maybe', 'never'][Math.floor(random() * 4)]!);
    for (let round = 0; round < 400; round++) {
      const [quote, source] = [text(), text()];
      const { ops } = compareQuote(quote.join(' '), source.join(' '));
      const context = `round ${round}: ${quote.join(' ')} | ${source.join(' ')}`;
      expect(
        ops.flatMap((op) => op.quote),
        context,
      ).toEqual(quote);
      expect(
        ops.flatMap((op) => op.source),
        context,
      ).toEqual(source);
      const same = ops.filter((op) => op.kind === 'same');
      for (const op of same) expect(op.quote, context).toEqual(op.source);
      expect(
        same.reduce((sum, op) => sum + op.quote.length, 0),
        context,
      ).toBe(lcsLength(ids(quote), ids(source)));
      ops.forEach((op, index) => {
        if (index > 0) expect(op.kind === 'same' && ops[index - 1]!.kind === 'same', context).toBe(false);
        if (index > 0) expect(op.kind !== 'same' && ops[index - 1]!.kind !== 'same', context).toBe(false);
      });
    }
  });

  describe('long texts', () => {
    const words = makeWords(5000, 1);

    it('finds a changed word in a 60-word quote from a 5,000-word source quickly', () => {
      const quoteWords = words.slice(2500, 2560);
      quoteWords[30] = 'zzzchanged';
      const started = performance.now();
      const result = compareQuote(quoteWords.join(' '), words.join(' '));
      expect(performance.now() - started).toBeLessThan(2000);
      const same = result.ops.filter((op) => op.kind === 'same').reduce((sum, op) => sum + op.quote.length, 0);
      expect(same).toBe(59);
      expect(result.ops.some((op) => op.quote.includes('zzzchanged') && op.kind !== 'same')).toBe(true);
      expect(result.verdict).toBe('altered');
    });

    it('finds every change between two 5,000-word texts', () => {
      const changed = words.map((word, index) => (index % 100 === 50 ? `zzz${index}` : word));
      const started = performance.now();
      const result = compareQuote(changed.join(' '), words.join(' '));
      expect(performance.now() - started).toBeLessThan(2000);
      expect(result.counts).toEqual({ changed: 50, dropped: 0, added: 0, editorial: 0, contractions: 0 });
      expect(result.ops.filter((op) => op.kind === 'changed').map((op) => op.quote[0])).toEqual(
        changed.filter((word) => word.startsWith('zzz')),
      );
    });

    it('compares two unrelated 5,000-word texts in reasonable time', () => {
      const other = makeWords(5000, 2);
      const started = performance.now();
      const result = compareQuote(other.join(' '), words.join(' '));
      expect(performance.now() - started).toBeLessThan(4000);
      expect(result.verdict).toBe('altered');
      expect(result.ops.flatMap((op) => op.quote)).toEqual(other);
      expect(result.ops.flatMap((op) => op.source)).toEqual(words);
    });
  });
});

describe('commonSubsequence', () => {
  it('matches the length of a dynamic-programming LCS on random sequences, with valid pairs', () => {
    const random = seeded(7);
    for (let round = 0; round < 600; round++) {
      const alphabet = 1 + Math.floor(random() * 6);
      const a = Int32Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * alphabet));
      const b = Int32Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * alphabet));
      const pairs = commonSubsequence(a, b);
      expect(pairs.length, `round ${round}: ${a.join(',')} | ${b.join(',')}`).toBe(lcsLength(a, b));
      pairs.forEach(([i, j], index) => {
        expect(a[i]).toBe(b[j]);
        if (index > 0) {
          expect(i).toBeGreaterThan(pairs[index - 1]![0]);
          expect(j).toBeGreaterThan(pairs[index - 1]![1]);
        }
      });
    }
  });

  it.each([
    [[], [], []],
    [[1, 2, 3], [], []],
    [[1, 2, 3], [4, 5], []],
    [
      [1, 2, 3],
      [2, 3, 4],
      [
        [1, 0],
        [2, 1],
      ],
    ],
    [[1, 2], [2, 1], [[1, 0]]],
  ])('%j and %j → %j', (a, b, pairs) => {
    expect(commonSubsequence(Int32Array.from(a), Int32Array.from(b))).toEqual(pairs);
  });
});

describe('foldText', () => {
  it.each([
    ['“Don’t” — ５０％', '"don\'t" - 50%'],
    ['«Non» ‹oui›', '"non" ‹oui›'],
    ['ÉCOLE', 'école'],
    ['−5 – 3', '-5 - 3'],
    ['ﬁnal…', 'final...'],
    ['❤️', '❤'],
  ])('%s → %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });
});

/** `count` words of a news-like text: a few very common words and a long tail, as in real prose. */
function makeWords(count: number, seed: number): string[] {
  const random = seeded(seed);
  const common = ['the', 'of', 'and', 'to', 'a', 'in', 'that', 'is', 'said', 'for'];
  return Array.from({ length: count }, () =>
    random() < 0.4 ? common[Math.floor(random() * common.length)]! : `w${Math.floor(random() * 2000)}`,
  );
}

function ids(words: readonly string[]): Int32Array {
  return Int32Array.from(words, (word) => word.charCodeAt(0) * 1000 + word.length);
}

function lcsLength(a: Int32Array, b: Int32Array): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    b.forEach((y, j) => row.push(x === y ? previous[j]! + 1 : Math.max(previous[j + 1]!, row[j]!)));
    previous = row;
  }
  return previous[b.length]!;
}
