// The parallel zip writer on what write-bundle.test.ts does not reach: more entries than the
// classic end record can count (ZIP64), read back by the zip guard that bundles are opened with.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { readZipDirectory, readZipEntry, type ZipEntry } from '../import/formats/zip-guard.ts';
import { ParallelZip } from './parallel-zip.ts';
import { dosDateTime } from './zip-records.ts';

/** A local header's fixed part, before the name. */
const LOCAL_HEADER_BYTES = 30;

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

  it('writes streamed entries whose sizes were not known at their start: local and central records agree, the data reads back', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'streamed.zip');
      const handle = await open(file, 'w');
      const zip = new ParallelZip(handle, { level: 6, dosTime: dosDateTime(new Date(2026, 0, 1)) });
      const text = Array.from({ length: 60_000 }, (_, index) => `line ${index} ä😀\n`).join('');
      // Uneven chunks: some larger than a slice, one empty.
      const bytes = Buffer.from(text, 'utf8');
      const cuts = [0, 5, 5, 700_000, 2_500_000, bytes.length];
      const streamed = await zip.addStream(
        'big.txt',
        cuts.slice(1).map((end, index) => bytes.subarray(cuts[index], end)),
        () => undefined,
      );
      const empty = await zip.addStream('empty.txt', [], () => undefined);
      await zip.add('after.txt', new TextEncoder().encode('after'), () => undefined);
      await zip.finish();
      await handle.close();
      expect(streamed).toEqual({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      expect(empty.size).toBe(0);

      const archive = new Uint8Array(await readFile(file));
      const listed = readZipDirectory(archive, 'streamed.zip');
      if (!listed.ok) throw new Error(listed.error.message);
      expect(listed.value.map((entry) => entry.name)).toEqual(['big.txt', 'empty.txt', 'after.txt']);
      const [big, none, after] = listed.value as [ZipEntry, ZipEntry, ZipEntry];
      expect(Buffer.from(readZipEntry(archive, big, bytes.length)!).equals(bytes)).toBe(true);
      expect(readZipEntry(archive, none, 10)!.length).toBe(0);
      expect(new TextDecoder().decode(readZipEntry(archive, after, 10))).toBe('after');
      // The local header (before the name) carries the CRC-32 and both sizes, as streaming readers need.
      const local = Buffer.from(archive.buffer, big.dataStart - LOCAL_HEADER_BYTES - 'big.txt'.length, LOCAL_HEADER_BYTES);
      expect(local.readUInt32LE(14)).toBe(crc32(bytes));
      expect(local.readUInt32LE(18)).toBe(big.compressedSize);
      expect(local.readUInt32LE(22)).toBe(bytes.length);
    }));

  it(
    'hands each streamed chunk back once nothing of it is read again: scribbling over it then changes nothing',
    () =>
      withTempDir(async (dir) => {
        // Past IN_FLIGHT_BYTES, so that pieces are written (and chunks handed back) while later ones are sent.
        const bytes = Buffer.from(Array.from({ length: 2_400_000 }, (_, index) => `line ${index} ä😀\n`).join(''), 'utf8');
        // Chunks of more than a slice and short ones after them (a piece's dictionary then spans two chunks).
        const cuts = [0];
        while (cuts.at(-1)! < bytes.length) cuts.push(Math.min(bytes.length, cuts.at(-1)! + (cuts.length % 2 === 1 ? 1_100_000 : 9_000)));
        const write = async (name: string, recycle?: (chunk: Uint8Array) => void) => {
          const file = path.join(dir, name);
          const handle = await open(file, 'w');
          const zip = new ParallelZip(handle, { level: 6, dosTime: dosDateTime(new Date(2026, 0, 1)) });
          // Copies: the recycled ones are overwritten.
          const chunks = cuts.slice(1).map((end, index) => Buffer.from(bytes.subarray(cuts[index], end)));
          await zip.addStream('big.txt', chunks, () => undefined, recycle);
          await zip.finish();
          await handle.close();
          return { archive: await readFile(file), chunks };
        };
        const recycled: Uint8Array[] = [];
        const plain = await write('plain.zip');
        const scribbled = await write('scribbled.zip', (chunk) => {
          recycled.push(chunk);
          chunk.fill(0xff);
        });
        expect(scribbled.archive.equals(plain.archive)).toBe(true);
        expect(recycled).toHaveLength(scribbled.chunks.length);
        expect(new Set(recycled).size).toBe(scribbled.chunks.length);
      }),
    // Deflates 44 MB twice.
    120_000,
  );

  it('writes a copy of a kept entry as deflating its bytes again would', () =>
    withTempDir(async (dir) => {
      const bytes = Buffer.from(Array.from({ length: 150_000 }, (_, index) => `line ${index} ä😀\n`).join(''), 'utf8');
      const write = async (name: string, copy: boolean) => {
        const file = path.join(dir, name);
        const handle = await open(file, 'w');
        const zip = new ParallelZip(handle, { level: 6, dosTime: dosDateTime(new Date(2026, 0, 1)) });
        const written: string[] = [];
        const sha256 = await zip.add('a.txt', bytes, () => written.push('a.txt'), { keep: copy });
        await zip.add('between.txt', new TextEncoder().encode('between'), () => written.push('between.txt'));
        const second = copy
          ? await zip.addCopy('b.txt', 'a.txt', () => written.push('b.txt'))
          : { sha256: await zip.add('b.txt', bytes, () => written.push('b.txt')), size: bytes.length };
        await zip.finish();
        await handle.close();
        return { archive: await readFile(file), sha256, second, written };
      };
      const deflatedTwice = await write('twice.zip', false);
      const copied = await write('copied.zip', true);
      expect(copied.archive.equals(deflatedTwice.archive)).toBe(true);
      expect(copied.second).toEqual({ sha256: copied.sha256, size: bytes.length });
      expect(copied.written).toEqual(['a.txt', 'between.txt', 'b.txt']);
      const listed = readZipDirectory(new Uint8Array(copied.archive), 'copied.zip');
      if (!listed.ok) throw new Error(listed.error.message);
      const copy = listed.value[2]!;
      expect(copy.name).toBe('b.txt');
      expect(Buffer.from(readZipEntry(new Uint8Array(copied.archive), copy, bytes.length)!).equals(bytes)).toBe(true);
    }));
});
