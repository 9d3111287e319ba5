// Direct quotations and transcript turns: the quoted words and their speaker.
import { describe, expect, it } from 'vitest';
import { suggestClaims } from '../suggest.ts';

function quotes(text: string): [string, string | undefined][] {
  return suggestClaims(text, { kinds: ['quote'] }).map((s) => [s.text, s.speaker]);
}

describe('quotes', () => {
  it.each([
    ['speaker after', 'Mayor Elena Ortiz spoke. "We are ready," Ortiz told reporters.', [['We are ready,', 'Elena Ortiz']]],
    ['inverted speaker after', '"We took the dog," said Daniel Park, 54.', [['We took the dog,', 'Daniel Park']]],
    [
      'split by "he said"',
      'Governor Samuel Whitcombe spoke. "The structure is holding," he said, "but we are preparing."',
      [
        ['The structure is holding,', 'Samuel Whitcombe'],
        ['but we are preparing.', 'Samuel Whitcombe'],
      ],
    ],
    [
      'next sentence',
      '“I am an optimist,” Hiroshi Tanaka told reporters. “But I am a realist. We have three issues.”',
      [
        ['I am an optimist,', 'Hiroshi Tanaka'],
        ['But I am a realist. We have three issues.', 'Hiroshi Tanaka'],
      ],
    ],
    [
      'introduced by a colon',
      'Luisa Andrade spoke first. Andrade, again, on the coal row: “The rest of us will pay.”',
      [['The rest of us will pay.', 'Luisa Andrade']],
    ],
    [
      'inside a statement',
      'Minister Irina Volkova said the attack was "a deliberate strike."',
      [['a deliberate strike.', 'Irina Volkova']],
    ],
  ])('%s', (_, text, expected) => {
    expect(quotes(text)).toEqual(expected);
  });

  it('carries the speaker to a quote in the next paragraph', () => {
    expect(quotes('"It is bad," said Carla Mendes.\n\n"And it will get worse."')).toEqual([
      ['It is bad,', 'Carla Mendes'],
      ['And it will get worse.', 'Carla Mendes'],
    ]);
  });
});

describe('transcript turns', () => {
  const transcript =
    'DR. AMARA OKAFOR (Chief Medical Officer): Good morning. We have confirmed 312 cases.\n\nQUESTION (Radio North): Has anyone died?\n\nOKAFOR: No. Two doses are 97 percent effective. Will it spread?';

  it('gives each statement of a turn to its speaker, not greetings, short answers, questions or questioners', () => {
    expect(quotes(transcript)).toEqual([
      ['We have confirmed 312 cases.', 'Amara Okafor'],
      ['Two doses are 97 percent effective.', 'Amara Okafor'],
    ]);
  });

  it('does not take a heading in capitals for a speaker', () => {
    expect(quotes('TRANSCRIPT: Department of Health press briefing on the outbreak in the region')).toEqual([]);
  });
});

describe('a quote whose own sentence names its speaker', () => {
  it('is not the words of the speaker before', () => {
    const text =
      'Mayor Teresa Albescu said rationing would start. "We have no choice," she said.\nCouncillor Marek Linde called the plan "a crisis the mayor ignored".';
    const quotes = suggestClaims(text, { kinds: ['quote'] }).map((s) => [s.text, s.speaker]);
    expect(quotes).toEqual([
      ['We have no choice,', 'Teresa Albescu'],
      ['a crisis the mayor ignored', 'Marek Linde'],
    ]);
  });

  it('after "X added,"', () => {
    const text = 'Governor Ana Ruiz spoke first.\nPresident Tomas Berg added, "The dams will hold."';
    expect(suggestClaims(text, { kinds: ['quote'] }).map((s) => s.speaker)).toEqual(['Tomas Berg']);
  });
});
