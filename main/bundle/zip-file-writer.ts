// Appends a zip archive to an open file: each entry's local header and deflated data as they come,
// gathered into large writes, the header completed in place once the entry's CRC-32 and compressed
// size are known; then the central directory and the end records. Sizes in the local headers (no
// data descriptors after the data) keep the archive readable by every zip tool, streaming ones too.
import type { FileHandle } from 'node:fs/promises';
import { centralHeader, endRecords, localHeader, localHeaderPatches, needsZip64, U32_MAX, type ZipEntryRecord } from './zip-records.ts';

/** Output is written in pieces of about this size: fewer system calls than one per entry. */
const WRITE_BYTES = 1024 * 1024;

/** An entry being written: where its header is, and how much deflated data has followed it. */
export interface OpenZipEntry {
  readonly name: Uint8Array;
  /** Unknown until its end for an entry made as it is written. */
  size: number | undefined;
  readonly dosTime: number;
  readonly offset: number;
  readonly zip64: boolean;
  readonly header: Buffer;
  compressedSize: number;
}

export class ZipFileWriter {
  private readonly handle: FileHandle;
  private readonly records: ZipEntryRecord[] = [];
  private buffered: Uint8Array[] = [];
  private bufferedBytes = 0;
  /** Bytes already in the file; everything after is in `buffered`. */
  private written = 0;

  constructor(handle: FileHandle) {
    this.handle = handle;
  }

  /**
   * Starts an entry of `size` bytes (uncompressed), or of a size told at its `end`; its deflated
   * data follows with `append`. An entry of unknown size has classic (32-bit) sizes.
   */
  begin(name: string, size: number | undefined, dosTime: number): OpenZipEntry {
    const encoded = new TextEncoder().encode(name);
    const zip64 = size !== undefined && needsZip64(size);
    const header = localHeader(encoded, size ?? 0, dosTime, zip64);
    const entry: OpenZipEntry = {
      name: encoded,
      size,
      dosTime,
      offset: this.written + this.bufferedBytes,
      zip64,
      header,
      compressedSize: 0,
    };
    this.push(header);
    return entry;
  }

  /** Adds the next piece of `entry`'s deflated data. */
  async append(entry: OpenZipEntry, data: Uint8Array): Promise<void> {
    entry.compressedSize += data.length;
    this.push(data);
    if (this.bufferedBytes >= WRITE_BYTES) await this.flush();
  }

  /** Completes `entry`'s local header with its CRC-32 and compressed size (and its size, if it was not known), and lists it for the directory. */
  async end(entry: OpenZipEntry, crc: number, size: number): Promise<void> {
    const patchSize = entry.size === undefined;
    if (patchSize && !entry.zip64 && (size >= U32_MAX || entry.compressedSize >= U32_MAX))
      throw new Error(`the entry ${new TextDecoder().decode(entry.name)} is too large for a zip without ZIP64 sizes`);
    entry.size = size;
    for (const { at, bytes } of localHeaderPatches(
      entry.name.length,
      crc,
      entry.compressedSize,
      entry.zip64,
      patchSize ? size : undefined,
    )) {
      // A header still in the buffer is the very Buffer pushed by `begin`: patched in memory.
      if (entry.offset >= this.written) entry.header.set(bytes, at);
      else await this.writeAt(bytes, entry.offset + at);
    }
    this.records.push({
      name: entry.name,
      dosTime: entry.dosTime,
      crc,
      size,
      compressedSize: entry.compressedSize,
      offset: entry.offset,
      zip64: entry.zip64,
    });
  }

  /** Writes the central directory and the end records; the archive is then complete. */
  async finish(): Promise<void> {
    const directoryOffset = this.written + this.bufferedBytes;
    let directorySize = 0;
    for (const record of this.records) {
      const header = centralHeader(record);
      directorySize += header.length;
      this.push(header);
    }
    this.push(endRecords(this.records.length, directoryOffset, directorySize));
    await this.flush();
  }

  private push(data: Uint8Array): void {
    this.buffered.push(data);
    this.bufferedBytes += data.length;
  }

  /** Writes the buffered pieces as they are (one gathering write, not a copy of them joined first). */
  private async flush(): Promise<void> {
    let pieces = this.buffered.filter((piece) => piece.length > 0);
    const bytes = this.bufferedBytes;
    this.buffered = [];
    this.bufferedBytes = 0;
    for (let done = 0; done < bytes;) {
      const { bytesWritten } = await this.handle.writev(pieces, this.written + done);
      if (bytesWritten === 0) throw new Error('the disk accepted no more data');
      done += bytesWritten;
      pieces = unwritten(pieces, bytesWritten);
    }
    this.written += bytes;
  }

  /** Writes all of `data` at `position`, however many writes the system takes for it. */
  private async writeAt(data: Uint8Array, position: number): Promise<void> {
    for (let done = 0; done < data.length;) {
      const { bytesWritten } = await this.handle.write(data, done, data.length - done, position + done);
      if (bytesWritten === 0) throw new Error('the disk accepted no more data');
      done += bytesWritten;
    }
  }
}

/** What is left of `pieces` after their first `written` bytes. */
function unwritten(pieces: readonly Uint8Array[], written: number): Uint8Array[] {
  const left: Uint8Array[] = [];
  let skip = written;
  for (const piece of pieces) {
    if (skip >= piece.length) skip -= piece.length;
    else {
      left.push(skip > 0 ? piece.subarray(skip) : piece);
      skip = 0;
    }
  }
  return left;
}
