import { describe, expect, it } from 'vitest';
import { csrfToken } from './team-session.ts';

describe('csrfToken', () => {
  it("reads the team server's CSRF cookie among others, and is undefined where there is none", () => {
    expect(csrfToken('theme=dark; claimbench-csrf=abc_DEF-123; other=1')).toBe('abc_DEF-123');
    expect(csrfToken('claimbench-token-4312=xyz')).toBeUndefined();
    expect(csrfToken('')).toBeUndefined();
    expect(csrfToken('claimbench-csrf=')).toBeUndefined();
  });
});
