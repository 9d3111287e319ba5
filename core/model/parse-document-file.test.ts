// parseDocumentFile is DocumentFile.safeParse, only quicker for canonical files: on documents as
// written and read back, and on every kind of damage to them, both give the same answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomWorkspace } from '../../tests/support/random-workspace.ts';
import { DocumentFile, parseDocumentFile } from './stored-files.ts';

type Json = Record<string, unknown>;

const damage = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), at: fc.nat(), insert: fc.string({ minLength: 1, maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('annotation' as const),
    at: fc.nat(),
    field: fc.constantFrom('id', 'target', 'anchor', 'tags', 'status', 'note', 'created', 'extra'),
    value: fc.jsonValue(),
  }),
  fc.record({ kind: fc.constant('quote' as const), at: fc.nat(), shift: fc.integer({ min: -3, max: 3 }) }),
  fc.record({
    kind: fc.constant('file' as const),
    field: fc.constantFrom('schemaVersion', 'meta', 'text', 'annotations', 'structure', 'versions', 'journal', 'extra'),
    value: fc.jsonValue(),
  }),
  fc.constant({ kind: 'none' as const }),
);

type DamageKind = typeof damage extends fc.Arbitrary<infer T> ? T : never;

function damaged(file: Json, change: DamageKind): Json {
  const copy = structuredClone(file);
  const annotations = copy.annotations as Json[];
  const annotation = annotations.length > 0 ? annotations[('at' in change ? change.at : 0) % annotations.length]! : undefined;
  switch (change.kind) {
    case 'text': {
      const text = copy.text as string;
      const at = change.at % (text.length + 1);
      copy.text = text.slice(0, at) + change.insert + text.slice(at);
      break;
    }
    case 'annotation':
      if (annotation) annotation[change.field] = change.value;
      break;
    case 'quote':
      if (annotation) {
        const target = annotation.target as { start: number; end: number };
        target.start = Math.max(0, target.start + change.shift);
        target.end = Math.max(target.start + 1, target.end + change.shift);
      }
      break;
    case 'file':
      copy[change.field] = change.value;
      break;
    case 'none':
      break;
  }
  return copy;
}

describe('parseDocumentFile', () => {
  it('gives the schema’s answer on documents as read from disk, whole or damaged', () => {
    fc.assert(
      fc.property(randomWorkspace, damage, ({ documents }, change) => {
        for (const document of documents) {
          const read = JSON.parse(JSON.stringify(document)) as Json;
          const candidate = damaged(read, change);
          const quick = parseDocumentFile(candidate);
          const schema = DocumentFile.safeParse(candidate);
          expect(quick.success).toBe(schema.success);
          if (schema.success) expect(quick.data).toEqual(schema.data);
          else expect(quick.error?.issues[0]?.message).toBe(schema.error.issues[0]?.message);
        }
      }),
      { numRuns: 400 },
    );
  });
});
