// The attribution rules (reporting-verb.ts, according-to.ts, outlet.ts) through suggestClaims:
// the span is the reported content, the speaker the fullest name.
import { describe, expect, it } from 'vitest';
import { suggestClaims } from '../suggest.ts';

function attributed(text: string): { text: string; speaker?: string; verb?: string; outlet?: string }[] {
  return suggestClaims(text, { kinds: ['attributed'] }).map(({ text, speaker, verb, outlet }) => ({ text, speaker, verb, outlet }));
}

describe('reporting verbs', () => {
  it.each([
    [
      'subject, verb, that',
      'Mayor Elena Ortiz said on Monday that the city was under siege.',
      'the city was under siege',
      'Elena Ortiz',
      'said',
    ],
    [
      'no "that"',
      'The Ukrainian defense ministry insists the bridge is intact.',
      'the bridge is intact',
      'Ukrainian defense ministry',
      'insists',
    ],
    ['listener', 'A U.S. official told reporters that talks had stalled.', 'talks had stalled', 'U.S. official', 'told'],
    [
      'apposition',
      "Norland's chief executive, Gregory Hale, told analysts that the company had set money aside.",
      'the company had set money aside',
      'Gregory Hale',
      'told',
    ],
    [
      'relative clause',
      'An EU official, who asked not to be named, said member states would agree.',
      'member states would agree',
      'EU official',
      'said',
    ],
    [
      'inverted',
      'Insurers put the damage at $1.8 billion, said Margaret Chen, an analyst.',
      'Insurers put the damage at $1.8 billion',
      'Margaret Chen',
      'said',
    ],
    ['auxiliary', 'The bank has said it will move slowly.', 'it will move slowly', 'bank', 'said'],
  ])('%s', (_, text, content, speaker, verb) => {
    expect(attributed(text)).toContainEqual({ text: content, speaker, verb, outlet: undefined });
  });

  it('resolves a surname and a pronoun to the fullest name given earlier', () => {
    const found = attributed('Governor Samuel Whitcombe visited the dam. Whitcombe insists the dam is sound. He said repairs had begun.');
    expect(found.map((s) => s.speaker)).toEqual(['Samuel Whitcombe', 'Samuel Whitcombe']);
  });

  it('splits two contents joined by "and that", and gives "and said" the same subject', () => {
    const found = attributed(
      'Mayor Ana Ruiz spoke. She said the roads were shut and that schools would close. Tanaka insisted the talks were on track and said a deal could come soon.',
    );
    expect(found.map((s) => s.text)).toEqual([
      'the roads were shut',
      'schools would close',
      'the talks were on track',
      'a deal could come soon',
    ]);
  });

  it('keeps a statement whose pronoun names no one, without a speaker', () => {
    expect(attributed('She said the roads were shut.')).toEqual([
      { text: 'the roads were shut', speaker: undefined, verb: 'said', outlet: undefined },
    ]);
  });

  it.each([
    ['a verb with only a noun object', 'The governor announced $250 million in emergency funding.'],
    ['a verb after a quotation', '"We are ready," Ortiz told reporters.'],
    ['"report" as a noun', 'The report was published on Monday.'],
  ])('finds nothing in %s', (_, text) => {
    expect(attributed(text)).toEqual([]);
  });
});

describe('according to', () => {
  it.each([
    ['front', 'According to the National Weather Service, more rain is expected.', 'more rain is expected', 'National Weather Service'],
    [
      'back',
      'The river rose 2.4 metres, according to the regional water authority.',
      'The river rose 2.4 metres',
      'regional water authority',
    ],
    [
      'apposition name',
      'According to estimates by the grid operator, Valgrid, repairs will cost millions.',
      'repairs will cost millions',
      'Valgrid',
    ],
  ])('%s', (_, text, content, speaker) => {
    expect(attributed(text)).toContainEqual({ text: content, speaker, verb: 'according to', outlet: undefined });
  });
});

describe('outlets', () => {
  it.each([
    [
      '"X reports:" after a timestamp',
      '10:05 — The Guardian reports: the EU is preparing to raise its offer.',
      'the EU is preparing to raise its offer',
      'Guardian',
      'The Guardian',
    ],
    [
      '"X adds:"',
      'Reuters adds: the delegation walked out of the meeting.',
      'the delegation walked out of the meeting',
      'Reuters',
      'Reuters',
    ],
    [
      '"X reports that"',
      'The BBC reports that the United States will not change its position.',
      'the United States will not change its position',
      'BBC',
      'The BBC',
    ],
  ])('%s', (_, text, content, speaker, outlet) => {
    expect(attributed(text)).toContainEqual(expect.objectContaining({ text: content, speaker, outlet }));
  });

  it('is not an outlet: "Emergency services report that"', () => {
    expect(attributed('Emergency services report that rescue work is continuing.')).toEqual([
      { text: 'rescue work is continuing', speaker: 'Emergency services', verb: 'report', outlet: undefined },
    ]);
  });
});

// Errors seen on the sample workspace and the seed article, each fixed by a general rule.
describe('who the speaker is', () => {
  it.each([
    [
      'a name with a plural possessive',
      "The Eastern Farmers' Union said on Monday that the harvest had failed.",
      'the harvest had failed',
      "Eastern Farmers' Union",
    ],
    [
      '"the station" is the outlet named before it',
      'According to Radio Borealis, the bridge is closed. The station reported that two ferries had stopped.',
      'two ferries had stopped',
      'Radio Borealis',
    ],
    [
      'an apposition with an article is a role, even ending with a place',
      'Anna Kovac, the governor of Lodra, said the roads are open.',
      'the roads are open',
      'Anna Kovac',
    ],
    [
      '"said NAME\'s …" after a comma starts the content, it is not an inverted subject',
      "A senior official, speaking on condition of anonymity, said Brandt's offer was final.",
      "Brandt's offer was final",
      'senior official',
    ],
  ])('%s', (_, text, content, speaker) => {
    expect(attributed(text)).toContainEqual(expect.objectContaining({ text: content, speaker }));
  });

  it('takes nothing before "X reports:" as its content', () => {
    expect(attributed('Describing the scene in the capital, The Daily Ledger reports:')).toEqual([]);
  });
});
