import { describe, expect, it } from 'vitest';
import { SpeakerRegistry, withoutTitles } from './speakers.ts';

describe('withoutTitles', () => {
  it.each([
    ['Mayor Elena Ortiz', 'Elena Ortiz'],
    ['Minister of Defence Irina Volkova', 'Irina Volkova'],
    ['General Pavel Droz', 'Pavel Droz'],
    ['Ministry of Defence', 'Ministry of Defence'],
    ['Norland Chemicals Inc', 'Norland Chemicals'],
  ])('%s → %s', (name, bare) => {
    expect(withoutTitles(name)).toBe(bare);
  });
});

describe('SpeakerRegistry', () => {
  const registry = new SpeakerRegistry();
  registry.note('Mayor Elena Ortiz', 0);
  registry.note('Ministry of Defence', 10);
  registry.note('Governor Samuel Whitcombe', 20);

  it.each([
    ['Ortiz', 'Elena Ortiz'],
    ['Whitcombe', 'Samuel Whitcombe'],
    ['the Ministry', 'Ministry of Defence'],
    ['Unknown', 'Unknown'],
  ])('the fullest form of %s is %s', (short, full) => {
    expect(registry.fullest(short)).toBe(full);
  });

  it.each([
    ['she', 15, 'Elena Ortiz'],
    ['he', 25, 'Samuel Whitcombe'],
    ['it', 25, 'Ministry of Defence'],
    ['he', 0, undefined],
  ])('%s at %i is %s (the nearest named one before)', (pronoun, at, name) => {
    expect(registry.pronoun(pronoun, at)).toBe(name);
  });
});
