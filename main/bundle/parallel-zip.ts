// The zip of write-bundle.ts, deflated in parallel: each entry is hashed (SHA-256 for the manifest,
// CRC-32 for the zip) slice by slice as it is added, its slices start deflating on libuv's thread
// pool at once (deflate-slices.ts), and the deflated pieces are written in order as they finish
// (zip-file-writer.ts), while the caller goes on producing entries. At most IN_FLIGHT_BYTES of entry
// data and IN_FLIGHT_JOBS slices wait in the pool or for their turn to be written: that bounds the
// memory held by deflate states and deflated pieces, and how long other thread-pool work (file
// reads and writes) queues behind them. This thread never deflates, and yields between slices.
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { deflatePiece, deflateSlice, sliceBounds, type DeflateLevel } from './deflate-slices.ts';
import { ZipFileWriter, type OpenZipEntry } from './zip-file-writer.ts';

/** Enough queued work to keep the cores busy while the caller builds its next entry (~0.2 s of deflating per core). */
export const IN_FLIGHT_BYTES = 32 * 1024 * 1024;
/** Each job holds a deflate state of about 300 KiB from the moment it is queued: many small entries are limited by count. */
export const IN_FLIGHT_JOBS = 64;
/** How far back deflate looks: the tail of a streamed entry kept to prime its next piece. */
const WINDOW_BYTES = 32 * 1024;
/** The thread yields to its event loop after hashing for this long. */
const BUSY_MS = 10;

/** One slice of an entry on its way into the zip. */
interface Piece {
  readonly deflated: Promise<Buffer>;
  settled: boolean;
  readonly bytes: number;
  /** On an entry's first piece: its header goes before it (the size of a streamed entry is not known yet). */
  readonly begin?: { readonly name: string; readonly size: number | undefined };
  /** On an entry's last piece: the entry is complete after it. */
  readonly end?: { readonly crc: number; readonly size: number; readonly onWritten: () => void };
  /** Called once the piece is deflated and written: its bytes are not read again. */
  readonly written?: () => void;
}

/** A streamed entry's chunk while pieces made of it are on their way (see `addStream`'s `recycle`). */
interface HeldChunk {
  readonly chunk: Uint8Array;
  /** Its pieces not written yet. */
  pending: number;
  /** No more pieces will be made of it and the next piece's dictionary no longer reads it. */
  sealed: boolean;
}

export interface ParallelZipOptions {
  readonly level: DeflateLevel;
  /** Every entry's time, MS-DOS form (zip-records.ts `dosDateTime`). */
  readonly dosTime: number;
  /** Called before each piece is written; throws to stop the writing (cancellation). */
  readonly checkpoint?: () => void;
}

export class ParallelZip {
  private readonly zip: ZipFileWriter;
  private readonly options: ParallelZipOptions;
  private readonly queue: Piece[] = [];
  private inFlight = 0;
  private current: OpenZipEntry | undefined;
  private busySince = performance.now();
  /** Entries added with `keep`, by name: their deflated pieces, for `addCopy`. */
  private readonly kept = new Map<string, { pieces: Promise<Buffer>[]; crc: number; size: number; sha256: string }>();

  constructor(handle: FileHandle, options: ParallelZipOptions) {
    this.zip = new ZipFileWriter(handle);
    this.options = options;
  }

  /**
   * Hashes `bytes` and starts deflating them as the entry `name`; resolves with their SHA-256 (hex)
   * once every slice is on its way, which may be before the entry is written. `onWritten` is called
   * when it is in the file.
   *
   * @example const sha256 = await zip.add('claims.json', bytes, () => progress(++written));
   */
  async add(name: string, bytes: Uint8Array, onWritten: () => void, { keep = false } = {}): Promise<string> {
    const hash = createHash('sha256');
    let crc = 0;
    const bounds = sliceBounds(bytes.length);
    const pieces: Promise<Buffer>[] = [];
    for (const [index, [start, end]] of bounds.entries()) {
      const slice = bytes.subarray(start, end);
      hash.update(slice);
      crc = crc32(slice, crc);
      await this.makeRoom(slice.length);
      const deflated = deflateSlice(bytes, start, end, this.options.level);
      if (keep) pieces.push(deflated);
      const piece: Piece = {
        deflated,
        settled: false,
        bytes: slice.length,
        ...(index === 0 ? { begin: { name, size: bytes.length } } : {}),
        ...(index === bounds.length - 1 ? { end: { crc, size: bytes.length, onWritten } } : {}),
      };
      await this.enqueue(piece);
    }
    const sha256 = hash.digest('hex');
    if (keep) this.kept.set(name, { pieces, crc, size: bytes.length, sha256 });
    await this.writeSettled();
    return sha256;
  }

  /**
   * Adds the entry `name` with the same bytes as the earlier entry `of`, added with `keep` (copied once): its
   * deflated data is written again, not made again (deflating is deterministic: the same bytes come
   * out). Resolves with the SHA-256 (hex) and size they share.
   *
   * @example await zip.add('documents/a.txt', bytes, onWritten, { keep: true }); await zip.addCopy('brat/a.txt', 'documents/a.txt', onWritten);
   */
  async addCopy(name: string, of: string, onWritten: () => void): Promise<{ sha256: string; size: number }> {
    const kept = this.kept.get(of);
    if (kept === undefined) throw new Error(`${of} was not kept to be copied as ${name}`);
    const { pieces, crc, size, sha256 } = kept;
    this.kept.delete(of);
    for (const [index, deflated] of pieces.entries()) {
      await this.makeRoom(0);
      await this.enqueue({
        deflated,
        settled: false,
        bytes: 0,
        ...(index === 0 ? { begin: { name, size } } : {}),
        ...(index === pieces.length - 1 ? { end: { crc, size, onWritten } } : {}),
      });
    }
    await this.writeSettled();
    return { sha256, size };
  }

  /**
   * Like `add`, for an entry made as it is read: each chunk is hashed and starts deflating as it
   * arrives (one chunk ahead is held back, to know which is the last). Chunks must not change once
   * yielded. Resolves with the entry's SHA-256 (hex) and size once every piece is on its way.
   * `recycle` is called with each chunk once nothing of it will be read again (every piece made of
   * it deflated and written, and the next piece started with its dictionary), for its buffer to be
   * used again; not at all for a chunk of an entry that fails.
   *
   * @example const { sha256, size } = await zip.addStream('report.html', utf8Chunks(parts, SLICE_BYTES, pool), () => progress(++written), pool.recycle);
   */
  async addStream(
    name: string,
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    onWritten: () => void,
    recycle?: (chunk: Uint8Array) => void,
  ): Promise<{ sha256: string; size: number }> {
    const hash = createHash('sha256');
    let crc = 0;
    let size = 0;
    let before: Uint8Array = new Uint8Array();
    let first = true;
    const release = (held: HeldChunk) => {
      if (held.sealed && held.pending === 0) recycle?.(held.chunk);
    };
    // The chunk the last piece was cut from: `before` may still be a view of it.
    let last: HeldChunk | undefined;
    const send = async (slice: Uint8Array, final: boolean, from: HeldChunk | undefined) => {
      hash.update(slice);
      crc = crc32(slice, crc);
      size += slice.length;
      await this.makeRoom(slice.length);
      if (from) from.pending++;
      await this.enqueue({
        // Reads `before` now (the dictionary is copied when the job is made), `slice` on the pool until written.
        deflated: deflatePiece(slice, before, final, this.options.level),
        settled: false,
        bytes: slice.length,
        ...(first ? { begin: { name, size: undefined } } : {}),
        ...(final ? { end: { crc, size, onWritten } } : {}),
        ...(from
          ? {
              written: () => {
                from.pending--;
                release(from);
              },
            }
          : {}),
      });
      first = false;
      // Only the window's worth of the piece before is kept: a short piece after a long one copies 32 KiB, not the whole piece.
      before = slice.length >= WINDOW_BYTES ? slice : Buffer.concat([before.subarray(-WINDOW_BYTES), slice]).subarray(-WINDOW_BYTES);
      // `before` is now this slice or a copy: the chunk of the piece before is read no more once its pieces are written.
      if (last && last !== from) {
        last.sealed = true;
        release(last);
      }
      last = from;
      if (final && from) {
        from.sealed = true;
        release(from);
      }
    };
    let held: { slice: Uint8Array; from: HeldChunk } | undefined;
    for await (const chunk of chunks) {
      const from: HeldChunk = { chunk, pending: 0, sealed: false };
      for (const [start, end] of sliceBounds(chunk.length)) {
        if (end === start) continue;
        if (held) await send(held.slice, false, held.from);
        held = { slice: chunk.subarray(start, end), from };
      }
    }
    await (held ? send(held.slice, true, held.from) : send(new Uint8Array(), true, undefined));
    await this.writeSettled();
    return { sha256: hash.digest('hex'), size };
  }

  private async enqueue(piece: Piece): Promise<void> {
    // Also marks a failed job as handled; the failure surfaces when the piece is written.
    piece.deflated.then(
      () => (piece.settled = true),
      () => (piece.settled = true),
    );
    this.queue.push(piece);
    this.inFlight += piece.bytes;
    await this.yieldWhenBusy();
  }

  /** Writes every piece still on its way, then the central directory: the archive is complete. */
  async finish(): Promise<void> {
    while (this.queue.length > 0) await this.writeNext();
    await this.zip.finish();
  }

  private async makeRoom(bytes: number): Promise<void> {
    while (this.queue.length > 0 && (this.inFlight + bytes > IN_FLIGHT_BYTES || this.queue.length >= IN_FLIGHT_JOBS))
      await this.writeNext();
  }

  /** Writes the pieces already deflated at the head of the queue, without waiting for others. */
  private async writeSettled(): Promise<void> {
    while (this.queue[0]?.settled) await this.writeNext();
  }

  private async writeNext(): Promise<void> {
    const piece = this.queue.shift()!;
    const data = await piece.deflated;
    this.options.checkpoint?.();
    if (piece.begin) this.current = this.zip.begin(piece.begin.name, piece.begin.size, this.options.dosTime);
    await this.zip.append(this.current!, data);
    this.inFlight -= piece.bytes;
    piece.written?.();
    if (piece.end) {
      await this.zip.end(this.current!, piece.end.crc, piece.end.size);
      piece.end.onWritten();
    }
  }

  /** Lets the event loop run every BUSY_MS (waits for the pool or the disk may or may not have let it run meanwhile). */
  private async yieldWhenBusy(): Promise<void> {
    if (performance.now() - this.busySince < BUSY_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.busySince = performance.now();
  }
}
