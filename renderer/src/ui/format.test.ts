import { describe, expect, it } from 'vitest';
import { formatDate, formatTime } from './format.ts';

describe('formatDate and formatTime', () => {
  it('say what toLocaleDateString and toLocaleTimeString say, with the formatters made once', () => {
    const options = { day: 'numeric', month: 'short', year: 'numeric' } as const;
    expect(formatDate('2026-08-14T23:30:00Z')).toBe(new Date('2026-08-14T23:30:00Z').toLocaleDateString(undefined, options));
    expect(formatTime('2026-08-14T23:30:00Z')).toBe(
      new Date('2026-08-14T23:30:00Z').toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
    );
  });

  it('reads a date without a time as that day wherever the machine is', () => {
    expect(formatDate('2026-08-14')).toBe(
      new Date('2026-08-14T00:00:00Z').toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
    );
    expect(formatDate('2026-08-14')).toContain('14');
  });

  it('gives back what it cannot read, and nothing for nothing', () => {
    expect(formatDate('last Tuesday')).toBe('last Tuesday');
    expect(formatDate(undefined)).toBe('');
    expect(formatTime(undefined)).toBe('');
    expect(formatTime('never')).toBe('Invalid Date');
  });
});
