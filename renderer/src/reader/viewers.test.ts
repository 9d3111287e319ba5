import { describe, expect, it } from 'vitest';
import { describeViewers } from './viewers.ts';

const viewer = (name: string, windowId = name) => ({ name, windowId, documentId: 'd' });

describe('describeViewers', () => {
  it('names each person once, however many windows they have', () => {
    expect(describeViewers([])).toBe('');
    expect(describeViewers([viewer('Ben'), viewer('Ben', 'second window')])).toBe('Ben is reading this too');
    expect(describeViewers([viewer('Ben'), viewer('Chloé')])).toBe('Ben and Chloé are reading this too');
    expect(describeViewers([viewer('Ben'), viewer('Chloé'), viewer('Dan')])).toBe('Ben, Chloé and 1 other are reading this too');
    expect(describeViewers([viewer('Ben'), viewer('Chloé'), viewer('Dan'), viewer('Eve')])).toBe(
      'Ben, Chloé and 2 others are reading this too',
    );
  });
});
