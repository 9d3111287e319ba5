import { describe, expect, it } from 'vitest';
import { Codebook } from '../model/codebook.ts';
import { canonicalSpeaker, joinSpeakers, mergeSpeakers, speakerResolver } from './speakers.ts';

const codebook = (speakers?: Codebook['speakers']): Codebook => Codebook.parse({ tags: [], ...(speakers ? { speakers } : {}) });

describe('speakers', () => {
  it('resolves every spelling of a speaker to its name, case, accents and spacing aside', () => {
    const resolve = speakerResolver(codebook([{ name: 'Volodymyr Zelenskyy', aliases: ['Zelensky', 'Zelenskyj'] }]));
    expect(resolve('zelensky').name).toBe('Volodymyr Zelenskyy');
    expect(resolve('  ZELENSKYJ ').name).toBe('Volodymyr Zelenskyy');
    expect(resolve('Volodymyr  Zelenskyy').aliases).toEqual(['Zelensky', 'Zelenskyj']);
    expect(resolve('Vadym Boychenko')).toEqual({ name: 'Vadym Boychenko', aliases: [] });
    expect(canonicalSpeaker(codebook([{ name: 'Teresa Albescu', aliases: ['Mayor Albescu'] }]), 'mayor álbescu')).toBe('Teresa Albescu');
    expect(canonicalSpeaker(codebook(), '  ')).toBe('');
  });

  it('merges speakers into one, their names and aliases becoming its aliases', () => {
    const before = codebook([{ name: 'Zelensky', aliases: ['Zelenskyj'] }]);
    const merged = mergeSpeakers(before, 'Zelenskyy', ['zelensky', 'Volodymyr Zelensky', 'Zelenskyy']);
    expect(merged.ok && merged.value.speakers).toEqual([{ name: 'Zelenskyy', aliases: ['Zelensky', 'Zelenskyj', 'Volodymyr Zelensky'] }]);
    // Merging again into an alias keeps the speaker's own name.
    const again = merged.ok ? mergeSpeakers(merged.value, 'zelensky', ['President Zelenskyy']) : merged;
    expect(again.ok && again.value.speakers).toEqual([
      { name: 'Zelenskyy', aliases: ['Zelensky', 'Zelenskyj', 'Volodymyr Zelensky', 'President Zelenskyy'] },
    ]);
  });

  it('refuses a merge with nothing to merge, and keeps the tags', () => {
    const withTag = Codebook.parse({ tags: [{ id: 'quote', name: 'Quote', color: '#123456' }] });
    expect(mergeSpeakers(withTag, 'A', ['a']).ok).toBe(false);
    expect(mergeSpeakers(withTag, '', ['B']).ok).toBe(false);
    const merged = mergeSpeakers(withTag, 'A', ['B']);
    expect(merged.ok && merged.value.tags).toEqual(withTag.tags);
  });

  it('refuses a codebook where one spelling names two speakers', () => {
    expect(
      Codebook.safeParse({
        tags: [],
        speakers: [
          { name: 'A', aliases: ['X'] },
          { name: 'B', aliases: ['x'] },
        ],
      }).success,
    ).toBe(false);
  });

  it("joins a bundle's speakers to ours: new spellings become aliases, new speakers are added, our names stay", () => {
    const ours = [{ name: 'Zelenskyy', aliases: ['Zelensky'] }];
    const theirs = [
      { name: 'Zelensky', aliases: ['Volodymyr Zelensky'] },
      { name: 'Boychenko', aliases: ['Vadym Boychenko'] },
    ];
    expect(joinSpeakers(ours, theirs)).toEqual([
      { name: 'Zelenskyy', aliases: ['Zelensky', 'Volodymyr Zelensky'] },
      { name: 'Boychenko', aliases: ['Vadym Boychenko'] },
    ]);
    expect(ours).toEqual([{ name: 'Zelenskyy', aliases: ['Zelensky'] }]);
    expect(joinSpeakers(undefined, undefined)).toBeUndefined();
    expect(Codebook.safeParse({ tags: [], speakers: joinSpeakers(ours, theirs) }).success).toBe(true);
  });
});
