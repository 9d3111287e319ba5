// The parallel zip writer on what write-bundle.test.ts does not reach: more entries than the
// classic end record can count (ZIP64), read back by the zip guard that bundles are opened with.
import { readFile } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { readZipDirectory, readZipEntry } from '../import/formats/zip-guard.ts';
import { ParallelZip } from './parallel-zip.ts';
import { dosDateTime } from './zip-records.ts';

describe('ParallelZip', () => {
  it(
    'writes 70,000 entries with ZIP64 end records, in the order they were added',
    () =>
      withTempDir(async (dir) => {
        const file = path.join(dir, 'many.zip');
        const handle = await open(file, 'w');
        const zip = new ParallelZip(handle, { level: 6, dosTime: dosDateTime(new Date(2026, 0, 1)) });
        let written = 0;
        for (let index = 0; index < 70_000; index++)
          await zip.add(`e/${index}.txt`, new TextEncoder().encode(`entry ${index}`), () => written++);
        await zip.finish();
        await handle.close();
        expect(written).toBe(70_000);

        const bytes = new Uint8Array(await readFile(file));
        const listed = readZipDirectory(bytes, 'many.zip', 100_000);
        if (!listed.ok) throw new Error(listed.error.message);
        expect(listed.value).toHaveLength(70_000);
        for (const index of [0, 1, 65_535, 65_536, 69_999]) {
          const entry = listed.value[index]!;
          expect(entry.name).toBe(`e/${index}.txt`);
          expect(new TextDecoder().decode(readZipEntry(bytes, entry, 100))).toBe(`entry ${index}`);
        }
      }),
    // 70,000 entries one after another: past 60 s in a CI run at load 13.
    180_000,
  );
});
