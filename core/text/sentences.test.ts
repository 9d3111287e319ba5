import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sentenceAt, splitSentences } from './sentences.ts';

const cut = (text: string) => splitSentences(text).map(({ start, end }) => text.slice(start, end));

describe('splitSentences', () => {
  it.each<[string, string, string[]]>([
    ['titles', 'Mr. Smith met Mrs. Jones and Dr. Patel. They talked.', ['Mr. Smith met Mrs. Jones and Dr. Patel.', 'They talked.']],
    [
      'months and a.m.',
      'They met on Feb. 3 at 9 a.m. in Geneva. Then they left.',
      ['They met on Feb. 3 at 9 a.m. in Geneva.', 'Then they left.'],
    ],
    [
      'U.S. and U.N. inside a sentence',
      'The U.S. and the U.N. agreed. Nobody else did.',
      ['The U.S. and the U.N. agreed.', 'Nobody else did.'],
    ],
    ['U.S. ending a sentence', 'He lives in the U.S. He likes it.', ['He lives in the U.S.', 'He likes it.']],
    ['a.m. ending a sentence', 'He arrived at 10 a.m. The meeting began.', ['He arrived at 10 a.m.', 'The meeting began.']],
    ['initials', 'J. R. R. Tolkien wrote books. He died in 1973.', ['J. R. R. Tolkien wrote books.', 'He died in 1973.']],
    ['decimals', 'It rose 3.5 percent. Prices fell by 0.2%.', ['It rose 3.5 percent.', 'Prices fell by 0.2%.']],
    [
      'quote then attribution',
      '"We have no choice," she said. Mr. Reinholt cited 3.5 percent.',
      ['"We have no choice," she said.', 'Mr. Reinholt cited 3.5 percent.'],
    ],
    [
      'question quote then a named speaker',
      '“I don’t bite. What are you afraid of?” Zelenskyy said at the news conference. He left.',
      ['“I don’t bite. What are you afraid of?” Zelenskyy said at the news conference.', 'He left.'],
    ],
    ['quote that goes on in lowercase', '“Is it over?” asked the mayor. Nobody knew.', ['“Is it over?” asked the mayor.', 'Nobody knew.']],
    [
      'quote of two sentences kept whole',
      '“We have no light. We are being destroyed.” The siege goes on.',
      ['“We have no light. We are being destroyed.”', 'The siege goes on.'],
    ],
    ['a closed quote then a new sentence', 'He said “it is over.” Then he left.', ['He said “it is over.”', 'Then he left.']],
    ['questions and exclamations', 'Is it true? Yes! Really.', ['Is it true?', 'Yes!', 'Really.']],
    ['paragraph breaks', 'CNN reports:\n\nKherson fell. It was over.', ['CNN reports:', 'Kherson fell.', 'It was over.']],
    [
      'a headline line',
      'Mayor says water runs out\nThe city has two days of water left. Crews are working.',
      ['Mayor says water runs out', 'The city has two days of water left.', 'Crews are working.'],
    ],
    [
      'a line wrapped mid-sentence is not a headline',
      'The city has two days of water\nleft, the mayor said.',
      ['The city has two days of water\nleft, the mayor said.'],
    ],
    [
      'a reference and its number (rule 5)',
      'As shown in Fig. 3, prices rose. See Art. 5 and Vol. II. Read Sec. 2 and Ch. 4 too.',
      ['As shown in Fig. 3, prices rose.', 'See Art. 5 and Vol. II.', 'Read Sec. 2 and Ch. 4 too.'],
    ],
    ['"No." and a lone "I" are left as wink cuts them', 'Did he pay? No. I checked.', ['Did he pay?', 'No.', 'I checked.']],
    ['surrounding whitespace dropped', '  One here.   Two there.  \n', ['One here.', 'Two there.']],
    ['no stop at the end', 'Just a fragment', ['Just a fragment']],
    ['empty', '   ', []],
  ])('%s', (_name, text, expected) => {
    expect(cut(text)).toEqual(expected);
  });

  const article = readFileSync(path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'seed-article.txt'), 'utf8');
  const sentences = cut(article);

  it.each([
    '“They impede the supply of food, create a blockade for us,” he wrote Thursday on Telegram.',
    '“We again have no light, water and heat. We are being destroyed as a nation.”',
    'A U.S. official told reporters on Thursday that the majority of Ukraine’s air and missile defense systems remain intact, another source of frustration for Russian commanders, who have launched 480 missiles since the start of the invasion.',
    '“I am sure of this,” Ukrainian President Volodymyr Zelensky said at a Thursday press conference, “if [the Russians] entered somewhere, it is only temporary. We’ll drive them out, with shame.”',
    '“I don’t bite. What are you afraid of?” Zelenskyy said at Thursday’s news conference.',
    'CNN reports:',
    'Kherson was overrun yesterday.',
    'On Thursday, the White House asked Congress to approve $10 billion in additional humanitarian, security and economic aide.',
  ])('seed article: %s', (sentence) => {
    expect(sentences).toContain(sentence);
  });

  it('gives offsets into the text as given (astral characters before)', () => {
    const text = '😀 Dr. Who 🚀 came. He left.';
    expect(cut(text)).toEqual(['😀 Dr. Who 🚀 came.', 'He left.']);
  });
});

describe('sentenceAt', () => {
  const TEXT =
    'Headline without a stop\n\nMayor Teresa Albescu said the city would ration water. "We have no choice," she said. Mr. Reinholt cited 3.5 percent, see Fig. 2.  “We have no light. We are being destroyed.”\n\nLast line.';

  it.each([
    ['Headline', 'Headline without a stop'],
    ['ration', 'Mayor Teresa Albescu said the city would ration water.'],
    ['no choice', '"We have no choice," she said.'],
    ['Reinholt', 'Mr. Reinholt cited 3.5 percent, see Fig. 2.'],
    ['3.5', 'Mr. Reinholt cited 3.5 percent, see Fig. 2.'],
    ['Fig.', 'Mr. Reinholt cited 3.5 percent, see Fig. 2.'],
    [' 2.  ', 'Mr. Reinholt cited 3.5 percent, see Fig. 2.'],
    ['destroyed', '“We have no light. We are being destroyed.”'],
    ['Last', 'Last line.'],
  ])('the sentence around "%s"', (word, sentence) => {
    const span = sentenceAt(TEXT, TEXT.indexOf(word));
    expect(span && TEXT.slice(span.start, span.end)).toBe(sentence);
  });

  it("gives the whitespace after a sentence to it, and the whitespace before a paragraph's first sentence to that one", () => {
    const text = '  One here.   Two there.';
    const around = (offset: number) => {
      const span = sentenceAt(text, offset);
      return span && text.slice(span.start, span.end);
    };
    expect([around(0), around(13), around(14), around(text.length)]).toEqual(['One here.', 'One here.', 'Two there.', 'Two there.']);
  });

  it('gives nothing for empty text or a blank position', () => {
    expect(sentenceAt('', 0)).toBeUndefined();
    expect(sentenceAt('   ', 1)).toBeUndefined();
    expect(sentenceAt('One.\n\n   \n\nTwo.', 8)).toBeUndefined();
  });
});
