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

describe('SpeakerRegistry, later names', () => {
  const registry = new SpeakerRegistry();
  registry.note('Elena Ortiz', 0);
  registry.note('Radio Meridian', 5);
  registry.note('Carlos Ortiz', 10);
  registry.note('Ortiz', 20);
  registry.note('Reuters', 30);

  it('gives a surname the last full name met that ends in it', () => {
    expect(registry.fullest('Ortiz')).toBe('Carlos Ortiz');
  });

  it.each([
    [8, 'Radio Meridian'],
    [31, 'Reuters'],
    [3, undefined],
  ])('the outlet before %i is %s', (at, outlet) => {
    expect(registry.outletBefore(at)).toBe(outlet);
  });

  it('gives "he" the person named last before, by the fullest name', () => {
    expect(registry.pronoun('he', 25)).toBe('Carlos Ortiz');
  });
});
