import { describe, expect, it } from 'vitest';
import type { Codebook } from '../model/codebook.ts';
import { codebookToQdc } from './refi-qdc.ts';
import { withQdcGuids, withTagGuids } from './tag-guids.ts';

const codebook: Codebook = {
  tags: [
    { id: 'claim-type', name: 'Claim type', color: '#112233', description: '' },
    { id: 'quote', name: 'Quote', color: '#445566', description: '', parentId: 'claim-type', guid: '11111111-1111-4111-8111-111111111111' },
    { id: 'quote-2', name: 'Quote', color: '#445566', description: '' },
  ],
  speakers: [{ name: 'Volodymyr Zelenskyy', aliases: ['Zelensky'] }],
};

describe('withTagGuids', () => {
  it('gives a GUID to each tag without one, keeps the others and the speakers, and is the same object when nothing is missing', () => {
    let n = 0;
    const filled = withTagGuids(codebook, () => `00000000-0000-4000-8000-00000000000${++n}`);
    expect(filled.tags.map((tag) => tag.guid)).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '11111111-1111-4111-8111-111111111111',
      '00000000-0000-4000-8000-000000000002',
    ]);
    expect(filled.speakers).toEqual(codebook.speakers);
    expect(withTagGuids(filled, () => 'never')).toBe(filled);
  });
});

describe('withQdcGuids', () => {
  it('takes the GUIDs of an older bundle’s codebook.qdc by the names from the root, the parent telling two Quotes apart', () => {
    const qdc = codebookToQdc(codebook, {
      origin: 'old',
      guidFor: (id) => `aaaaaaaa-aaaa-4aaa-8aaa-${id.length.toString().padStart(12, '0')}`,
    });
    const bare: Codebook = { ...codebook, tags: codebook.tags.map(({ guid: _guid, ...tag }) => tag) };
    const filled = withQdcGuids(bare, qdc);
    expect(filled.tags.map((tag) => tag.guid)).toEqual([
      'aaaaaaaa-aaaa-4aaa-8aaa-000000000010',
      '11111111-1111-4111-8111-111111111111',
      'aaaaaaaa-aaaa-4aaa-8aaa-000000000007',
    ]);
    expect(filled.speakers).toEqual(codebook.speakers);
    expect(withQdcGuids(bare, 'not xml')).toBe(bare);
  });
});
