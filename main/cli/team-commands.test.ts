// `claimbench team serve --document-cache-mb N`: the bytes the PostgreSQL store keeps of documents
// nobody holds (PgStoreOptions.residentBytes), refused before anything is opened when it is not a number.
import { describe, expect, it } from 'vitest';
import { UsageError } from './output.ts';
import { megabytesOf } from './team-commands.ts';

describe('--document-cache-mb', () => {
  it.each([
    ['64', 64 * 1024 * 1024],
    ['0', 0],
    ['0.5', 512 * 1024],
  ])('takes %s as %i bytes', (text, bytes) => expect(megabytesOf(text)).toBe(bytes));

  it.each(['', 'lots', '-1', '1e3', '64MB', ' 64'])('refuses "%s"', (text) => expect(() => megabytesOf(text)).toThrow(UsageError));
});
