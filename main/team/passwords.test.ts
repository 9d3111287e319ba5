import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decoyHash, hashPassword, needsRehash, oneTimePassword, passwordProblem, verifyPassword } from './passwords.ts';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

// From the reference implementation's tests (phc-winner-argon2, src/test.c): "password", salt "somesalt".
const REFERENCE = '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc';

describe('passwords', () => {
  afterEach(() => vi.mocked(crypto.timingSafeEqual).mockClear());

  it("reads the reference implementation's PHC strings", async () => {
    expect(await verifyPassword('password', REFERENCE)).toBe(true);
    expect(await verifyPassword('Password', REFERENCE)).toBe(false);
    expect(needsRehash(REFERENCE)).toBe(true);
  });

  it('stores argon2id with 19 MiB, 2 passes, 1 lane and a fresh 16-byte salt, never the password', async () => {
    const [first, second] = [await hashPassword('correct horse battery'), await hashPassword('correct horse battery')];
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('horse');
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterz', first)).toBe(false);
    expect(needsRehash(first)).toBe(false);
  });

  it('compares the hashes with timingSafeEqual', async () => {
    const stored = await hashPassword('correct horse battery');
    await verifyPassword('wrong password!', stored);
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['', 'empty'],
    ['$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG', 'argon2i, not id'],
    ['$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', 'another version'],
    ['$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', '95 GiB of memory'],
    ['$argon2id$v=19$m=65536,t=2,p=1$c29t$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', 'a 3-byte salt'],
    ['$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFh', 'a 3-byte hash'],
    ['plain text password', 'not a hash'],
  ])('matches nothing against %j (%s), and asks for a rehash', async (stored) => {
    expect(await verifyPassword('password', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });

  it('hands out one-time passwords of 120 random bits, and refuses chosen ones that are too short or too long', () => {
    const passwords = new Set(Array.from({ length: 50 }, oneTimePassword));
    expect(passwords.size).toBe(50);
    for (const password of passwords) {
      expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect(passwordProblem(password)).toBeUndefined();
    }
    expect(passwordProblem('short')).toContain('at least 12');
    expect(passwordProblem('x'.repeat(1025))).toContain('at most 1024');
  });

  it('has one decoy hash to spend the same time on an unknown name', async () => {
    const decoy = await decoyHash();
    expect(await decoyHash()).toBe(decoy);
    expect(needsRehash(decoy)).toBe(false);
  });
});
