import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { randomWorkspace } from '../../tests/support/random-workspace.ts';
import { documentDigest } from './workspace-fingerprint.ts';

/** `value` with every object's keys in reverse order, as PostgreSQL's jsonb gives them back in an order of its own. */
function reordered<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reordered) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, member]) => [key, reordered(member)]),
  ) as T;
}

describe('documentDigest', () => {
  it('is the same for a document read back with its keys in another order, and differs when an annotation does', () => {
    fc.assert(
      fc.property(randomWorkspace, (workspace) => {
        for (const file of workspace.documents) {
          const copy: DocumentFile = { ...reordered(file), text: file.text };
          expect(documentDigest(copy)).toBe(documentDigest(file));
          const [first, ...rest] = file.annotations;
          if (first === undefined) continue;
          const edited = { ...file, annotations: [{ ...first, note: `${first.note}!` }, ...rest] };
          expect(documentDigest(edited)).not.toBe(documentDigest(file));
        }
      }),
      { numRuns: 30 },
    );
  });
});
