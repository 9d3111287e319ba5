import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { randomWorkspace } from '../../tests/support/random-workspace.ts';
import { documentDigest } from './workspace-fingerprint.ts';
import { reorderedKeys } from '../../tests/support/reordered-keys.ts';

describe('documentDigest', () => {
  it('is the same for a document read back with its keys in another order, and differs when an annotation does', () => {
    fc.assert(
      fc.property(randomWorkspace, (workspace) => {
        for (const file of workspace.documents) {
          const copy: DocumentFile = { ...reorderedKeys(file), text: file.text };
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
