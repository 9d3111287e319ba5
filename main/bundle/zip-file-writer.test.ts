// The zip file writer's gathered writes when the system takes only part of them at a time.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { ZipFileWriter } from './zip-file-writer.ts';

/** A file in memory whose writes take at most `most` bytes each. */
function partialFile(most: number) {
  let content = Buffer.alloc(0);
  const put = (data: Uint8Array, position: number) => {
    if (content.length < position + data.length) content = Buffer.concat([content, Buffer.alloc(position + data.length - content.length)]);
    content.set(data, position);
  };
  const handle = {
    async writev(buffers: Uint8Array[], position: number) {
      const taken = Buffer.concat(buffers).subarray(0, most);
      put(taken, position);
      return { bytesWritten: taken.length, buffers };
    },
    async write(data: Uint8Array, offset: number, length: number, position: number) {
      const taken = data.subarray(offset, offset + Math.min(length, most));
      put(taken, position);
      return { bytesWritten: taken.length, buffer: data };
    },
  };
  return { handle: handle as unknown as FileHandle, content: () => content };
}

async function fill(zip: ZipFileWriter): Promise<void> {
  for (let index = 0; index < 40; index++) {
    const entry = zip.begin(`e${index}.bin`, undefined, 0);
    // Pieces of every size, empty ones too, past the writer's 1 MiB of buffering.
    for (const size of [0, 1, 7, 40_000]) await zip.append(entry, Buffer.alloc(size, index));
    await zip.end(entry, index, 40_008);
  }
  await zip.finish();
}

describe('ZipFileWriter', () => {
  it('writes the same file when the system takes a few bytes at a time', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'whole.zip');
      const handle = await open(file, 'w');
      await fill(new ZipFileWriter(handle));
      await handle.close();
      const partial = partialFile(4_099);
      await fill(new ZipFileWriter(partial.handle));
      expect(partial.content().equals(await readFile(file))).toBe(true);
    }));
});
