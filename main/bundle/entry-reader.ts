// Reads a bundle's small entries front to back through one file handle, a window of the archive at
// a time, and inflates each in one call. A bundle is thousands of small files (a document's text,
// its brat pair): streaming each through its own read stream, inflater and pipeline cost two
// thread-pool reads and a dozen stream objects per entry, which is most of what verifying took.
// The checks are those of bundle-zip.ts's `streamEntry`, made on the whole entry instead of per
// chunk: inflation stops one byte past the declared size (`maxOutputLength`), so a bomb costs no
// more than that; a short entry is damaged; the same limits, the same messages. Entries above
// SMALL_ENTRY_BYTES (compressed or not) are left to `streamEntry`, which never holds them whole.
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { damaged, overLimit, printable, readFailure, RATIO_CHECKED_ABOVE, type Item, type Run } from './bundle-zip.ts';

/**
 * Entries of at most this size, compressed and inflated, are read here. Equal to the size above
 * which the ratio is checked, so that check never applies to them (as in `streamEntry`).
 */
export const SMALL_ENTRY_BYTES = RATIO_CHECKED_ABOVE;
/** Bytes of the archive read at once. */
const WINDOW_BYTES = 4 * 1024 * 1024;
/** The longest this thread inflates before letting others run (the host's thread serves windows). */
const SLICE_MS = 15;

const LOCAL_HEADER = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;

/** Whether `item` is read by `EntryReader` rather than streamed. */
export const isSmall = (item: Item) => item.compressedSize <= SMALL_ENTRY_BYTES && item.size <= SMALL_ENTRY_BYTES;

/** One archive's small entries, read in the order asked (zip order reads the file once, front to back). */
export class EntryReader {
  private readonly handle: FileHandle;
  private readonly fileSize: number;
  private window = Buffer.alloc(0);
  private windowStart = 0;
  private sliceStarted = performance.now();

  private constructor(handle: FileHandle, fileSize: number) {
    this.handle = handle;
    this.fileSize = fileSize;
  }

  /** Opens `file` (the archive whose directory was checked; `fileSize` as yauzl saw it). */
  static async open(file: string, fileSize: number): Promise<EntryReader> {
    return new EntryReader(await open(file, 'r'), fileSize);
  }

  /**
   * The inflated bytes of a small entry (`isSmall`), checked against its declared size and the
   * run's limits, with their SHA-256; progress is reported as `streamEntry` does for a listed file.
   */
  async read(item: Item, run: Run): Promise<{ bytes: Buffer; sha256: string }> {
    if (performance.now() - this.sliceStarted > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      this.sliceStarted = performance.now();
    }
    const raw = await this.rawData(item);
    let bytes: Buffer;
    if (item.entry.compressionMethod === 8) {
      try {
        // One byte more than declared is enough to know the header lies.
        // One output buffer of that size: no chunks to gather and concatenate.
        bytes = inflateRawSync(raw, { maxOutputLength: item.size + 1, chunkSize: Math.max(64, item.size + 1) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw overLimit(item, item.size + 1, run)!;
        throw readFailure(error as Error, item.name);
      }
    } else bytes = Buffer.from(raw); // a copy: a kept entry must not pin the window
    run.inflated += bytes.length;
    const over = overLimit(item, bytes.length, run);
    if (over) throw over;
    if (bytes.length < item.size)
      throw damaged(`${printable(item.name)} holds ${bytes.length} bytes, fewer than the ${item.size} its header declares`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    run.written += bytes.length;
    run.onProgress?.(run.written, run.toWrite);
    return { bytes, sha256 };
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  /** The entry's stored bytes, after its local header (checked as yauzl checks it). */
  private async rawData(item: Item): Promise<Buffer> {
    const offset = item.entry.relativeOffsetOfLocalHeader;
    const header = await this.slice(offset, LOCAL_HEADER_BYTES, item);
    const signature = header.readUInt32LE(0);
    if (signature !== LOCAL_HEADER)
      throw readFailure(new Error(`invalid local file header signature: 0x${signature.toString(16)}`), item.name);
    const dataStart = offset + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (dataStart + item.compressedSize > this.fileSize)
      throw readFailure(new Error(`file data overflows file bounds: ${dataStart} + ${item.compressedSize} > ${this.fileSize}`), item.name);
    return this.slice(dataStart, item.compressedSize, item);
  }

  /** `length` bytes at `position`, from the window (read anew from `position` when they are not all in it). */
  private async slice(position: number, length: number, item: Item): Promise<Buffer> {
    const end = position + length;
    if (position < this.windowStart || end > this.windowStart + this.window.length) {
      const size = Math.min(Math.max(WINDOW_BYTES, length), Math.max(0, this.fileSize - position));
      const buffer = Buffer.allocUnsafe(size);
      let filled = 0;
      try {
        while (filled < size) {
          const { bytesRead } = await this.handle.read(buffer, filled, size - filled, position + filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
      } catch (error) {
        throw readFailure(error as Error, item.name);
      }
      this.window = buffer.subarray(0, filled);
      this.windowStart = position;
      if (filled < length) throw readFailure(new Error('unexpected EOF'), item.name);
    }
    return this.window.subarray(position - this.windowStart, end - this.windowStart);
  }
}
