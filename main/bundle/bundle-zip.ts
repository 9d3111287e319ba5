// The zip side of opening a .claimbundle (see open-bundle.ts for the order of the checks): yauzl
// opens the archive and lists its central directory; each entry's name, kind and declared sizes are
// checked by bundle-entry-checks.ts with our own messages; and each entry is read raw and inflated
// here, not by yauzl, so that every size check (declared size, caps, ratio) runs on every chunk
// (`overLimit`). Failures are thrown as `Stop`s, which openBundle turns into Results.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { open as openZip, type Entry, type ZipFile } from 'yauzl';
import { formatBytes } from '../../core/text/format-bytes.ts';

const MiB = 1024 ** 2;

export interface BundleLimits {
  /** Entries in the zip, manifest included. */
  readonly maxEntries: number;
  /** All entries inflated together. */
  readonly maxTotalBytes: number;
  /** Any one entry inflated. */
  readonly maxEntryBytes: number;
  /** Inflated size over compressed size, for entries larger than `RATIO_CHECKED_ABOVE`. */
  readonly maxRatio: number;
}

/**
 * Far above any workspace's bundle (a few hundred files, megabytes to a few hundred of originals),
 * far below what hurts a desktop. The ratio: deflate tops out near 1032:1, which is what bombs use;
 * text and JSON compress 3–20:1 and very repetitive JSON about 100:1, so 400:1 refuses the one and
 * leaves room for the other.
 */
export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxEntries: 50_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntryBytes: 512 * MiB,
  maxRatio: 400,
};

/** No entry of at most this size is refused for its ratio: small repetitive files are common and harmless. */
export const RATIO_CHECKED_ABOVE = 1 * MiB;

/** manifest.json is read into memory; this holds 50,000 lines with paths of a thousand bytes. */
export const MAX_MANIFEST_BYTES = 64 * MiB;

/**
 * Bytes a large entry is inflated into at a time. Each chunk is one round trip between the thread
 * pool and this thread (and through the counter, the hash and the sink): at 64 KiB, the 210 MB of a
 * 100,000-annotation bundle's three large entries were 3,300 of them. An entry whose header lies
 * is still stopped at the first chunk past its declared size, so at most this much more is inflated.
 */
const INFLATE_CHUNK_BYTES = 1 * MiB;

/**
 * `not-a-bundle`: not a zip, or a zip without a usable manifest. `corrupt`: the zip is damaged.
 * `unsafe-entry`: an entry that is not a plain file under a safe name (a name that could escape or
 * collide on disk, a symlink, directory or device, encryption, an unknown compression method).
 * `tampered`: the contents do not match the manifest. `too-much-data`: over a limit (possibly a zip
 * bomb, or sizes that lie). `unreadable`: the file could not be read at all. `write-failed`: the
 * temporary folder could not be written (disk full?).
 */
export type ReadBundleCode =
  'not-a-bundle' | 'corrupt' | 'unsafe-entry' | 'tampered' | 'too-much-data' | 'unreadable' | 'write-failed' | 'cancelled';

/** Leaves `openBundle` with a coded failure; everything thrown on purpose while opening a bundle is one of these. */
export class Stop extends Error {
  readonly code: ReadBundleCode;
  constructor(code: ReadBundleCode, message: string) {
    super(message);
    this.code = code;
  }
}

export const damaged = (detail: string) => new Stop('corrupt', `the file is damaged: ${detail}`);
export const cancelled = () => new Stop('cancelled', 'reading the bundle was cancelled');
export const refused = (name: string, problem: string) => new Stop('unsafe-entry', `the entry "${printable(name)}" is refused: ${problem}`);

/** An entry that passed the header checks. */
export interface Item {
  readonly entry: Entry;
  readonly name: string;
  /** The uncompressed size its header declares; it must inflate to exactly this. */
  readonly size: number;
  readonly compressedSize: number;
}

/** One bundle's running totals, for the limits and the progress bar. */
export interface Run {
  readonly limits: BundleLimits;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((doneBytes: number, totalBytes: number) => void) | undefined;
  inflated: number;
  written: number;
  toWrite: number;
}

/** The zip at `file`, its names left undecoded (checkEntry decodes them); a refusal says why in words. */
export function openArchive(file: string, name: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    openZip(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (error, zip) => {
      if (error) return void archiveFailure(error, file, name).then(reject, reject);
      // Whoever reads takes the errors; this keeps a late one (closing the file) from crashing the app.
      zip.on('error', () => undefined);
      resolve(zip);
    });
  });
}

/** yauzl's reasons for not opening a zip at all, in words for the person importing it. */
async function archiveFailure(error: Error, file: string, name: string): Promise<Stop> {
  const message = error.message;
  if ((error as NodeJS.ErrnoException).code) return new Stop('unreadable', `${name} could not be read: ${message}`);
  if (message.startsWith('End of central directory record signature not found')) {
    return (await startsLikeZip(file))
      ? damaged('it begins like a zip but its end is missing (is it truncated?)')
      : new Stop('not-a-bundle', `${name} is not a Claimbench bundle (not a zip archive)`);
  }
  if (message.startsWith('Invalid comment length'))
    return damaged('its zip end record does not fit the end of the file (bytes added or cut off?)');
  if (message.startsWith('multi-disk')) return damaged('it is one part of a split zip archive');
  if (/zip64/i.test(message)) return damaged('its ZIP64 end record is missing or broken');
  if (message.startsWith('unexpected EOF')) return damaged('the zip directory runs past the end of the file (is it truncated?)');
  return damaged(message);
}

async function startsLikeZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

/** Every entry of the central directory, which `zip.entryCount` has already bounded. */
export function readDirectory(zip: ZipFile, signal: AbortSignal | undefined): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    const restore = readAhead(zip);
    const finish = (error?: Error) => {
      restore();
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      if (error) reject(error);
      else resolve(entries);
    };
    const onEntry = (entry: Entry) => {
      entries.push(entry);
      if (signal?.aborted) finish(cancelled());
      else zip.readEntry();
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(directoryFailure(error, entries.length + 1));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

type ReadCallback = (error: Error | null, bytesRead?: number) => void;
type Read = (buffer: Buffer, offset: number, length: number, position: number, callback: ReadCallback) => void;

/** Bytes of the archive read at once while yauzl lists its central directory. */
const DIRECTORY_WINDOW_BYTES = 1 * MiB;

/**
 * Makes yauzl's reads of the central directory come from a window of the archive read a megabyte at
 * a time; returns what puts its reader back. yauzl reads each entry's header in two reads of its
 * own, each a round trip through the thread pool: 8,000 of them for a bundle of 4,000 files, about
 * half a second, on every verify and import. yauzl still parses and checks every byte itself; a read
 * past the end of the file gives the bytes there are, as before (yauzl's "unexpected EOF").
 */
function readAhead(zip: ZipFile): () => void {
  const reader = (zip as unknown as { reader?: { read?: Read } }).reader;
  const read = reader?.read;
  if (reader === undefined || read === undefined) return () => undefined;
  let window = Buffer.alloc(0);
  let windowStart = 0;
  /** Copies what the window holds of the read; the callback is always called later, never from here (no recursion through yauzl). */
  const serve = (buffer: Buffer, offset: number, length: number, position: number, callback: ReadCallback, later: boolean) => {
    const from = position - windowStart;
    const available = Math.max(0, Math.min(length, window.length - from));
    window.copy(buffer, offset, from, from + available);
    if (later) setImmediate(callback, null, available);
    else callback(null, available);
  };
  reader.read = (buffer, offset, length, position, callback) => {
    if (position >= windowStart && position + length <= windowStart + window.length)
      return serve(buffer, offset, length, position, callback, true);
    const fresh = Buffer.allocUnsafe(Math.max(DIRECTORY_WINDOW_BYTES, length));
    read.call(reader, fresh, 0, fresh.length, position, (error, bytesRead = 0) => {
      if (error) return callback(error);
      window = fresh.subarray(0, bytesRead);
      windowStart = position;
      serve(buffer, offset, length, position, callback, false);
    });
  };
  return () => {
    reader.read = read;
  };
}

/** yauzl's reasons for refusing the `index`th directory entry (before we see its name). */
function directoryFailure(error: Error, index: number): Stop {
  const message = error.message;
  const stored = /size mismatch for stored file: (\d+) != (\d+)/.exec(message);
  if (stored)
    return damaged(
      `zip entry ${index} is stored uncompressed, yet its header declares ${stored[2]} bytes for the ${stored[1]} it stores: its sizes lie`,
    );
  if (message.startsWith('strong encryption'))
    return new Stop('unsafe-entry', `zip entry ${index} is refused: it is encrypted; a bundle never is`);
  if (message.startsWith('unexpected EOF')) return damaged('the zip directory runs past the end of the file (is it truncated?)');
  if (message.startsWith('invalid central directory file header signature'))
    return damaged(`zip directory entry ${index} is broken (bytes cut off or changed?)`);
  return damaged(`zip directory entry ${index} is broken (${message})`);
}

/** A refusal of an entry that inflates too much for its compressed size (a possible zip bomb). */
export const ratioStop = (item: Item, size: number, maxRatio: number) =>
  new Stop(
    'too-much-data',
    `${printable(item.name)} inflates ${formatBytes(item.compressedSize)} to ${formatBytes(size)}, a ratio over ${maxRatio}:1: refusing a possible zip bomb`,
  );

/**
 * Streams `item` (read raw, inflated here) through a byte counter and SHA-256 into the sink that
 * `makeSink` makes once the entry's data is found, stopping at the first chunk that passes its
 * declared size or a limit; resolves to its SHA-256.
 */
export async function streamEntry(zip: ZipFile, item: Item, makeSink: () => Writable, run: Run, isListedFile: boolean): Promise<string> {
  // Pipeline destroys every stage with the first error; the stage that emits first is where it arose.
  let origin: 'read' | 'write' | undefined;
  let sink: Writable | undefined;
  const hash = createHash('sha256');
  let count = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      count += chunk.length;
      run.inflated += chunk.length;
      const over = overLimit(item, count, run);
      if (over) return done(over);
      hash.update(chunk);
      if (isListedFile) {
        run.written += chunk.length;
        run.onProgress?.(run.written, run.toWrite);
      }
      done(null, chunk);
    },
    flush(done) {
      done(
        count < item.size ? damaged(`${printable(item.name)} holds ${count} bytes, fewer than the ${item.size} its header declares`) : null,
      );
    },
  });
  try {
    const raw = await openRaw(zip, item);
    sink = makeSink();
    sink.on('error', () => (origin ??= 'write'));
    const inflater = item.entry.compressionMethod === 8 ? createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES }) : undefined;
    for (const stage of [raw, inflater]) stage?.on('error', () => (origin ??= 'read'));
    await pipeline(inflater ? [raw, inflater, counter, sink] : [raw, counter, sink], { signal: run.signal });
  } catch (error) {
    sink?.destroy();
    if (error instanceof Stop) throw error;
    if (run.signal?.aborted) throw cancelled();
    if (origin === 'write') throw new Stop('write-failed', `${item.name} could not be unpacked: ${(error as Error).message}`);
    throw readFailure(error as Error, item.name);
  }
  return hash.digest('hex');
}

/** Why `count` bytes of `item` are too many, checked on every chunk. Only the first can happen once the header checks passed; the others guard against a bug in them. */
export function overLimit(item: Item, count: number, run: Run): Stop | undefined {
  const { limits } = run;
  const name = printable(item.name);
  if (count > item.size)
    return new Stop(
      'too-much-data',
      `${name} inflates past the ${formatBytes(item.size)} its header declares: its sizes lie (a possible zip bomb)`,
    );
  if (count > limits.maxEntryBytes)
    return new Stop('too-much-data', `${name} inflates past ${formatBytes(limits.maxEntryBytes)}: refusing a possible zip bomb`);
  if (run.inflated > limits.maxTotalBytes)
    return new Stop(
      'too-much-data',
      `${name} takes the inflated total past ${formatBytes(limits.maxTotalBytes)}: refusing a possible zip bomb`,
    );
  if (count > RATIO_CHECKED_ABOVE && count > item.compressedSize * limits.maxRatio) return ratioStop(item, count, limits.maxRatio);
  return undefined;
}

/** The stored bytes of `item`, exactly its compressed size (yauzl counts them). */
function openRaw(zip: ZipFile, item: Item): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(item.entry, { decodeFileData: false }, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

export function readFailure(error: Error, entryName: string): Stop {
  const name = printable(entryName);
  const code = (error as NodeJS.ErrnoException).code;
  if (code?.startsWith('Z_')) return damaged(`${name} does not inflate (${error.message})`);
  if (code) return new Stop('unreadable', `${name} could not be read: ${error.message}`);
  if (error.message.startsWith('invalid local file header signature')) return damaged(`the header of ${name} is missing or broken`);
  if (/^(file data overflows file bounds|unexpected EOF)/.test(error.message))
    return damaged(`${name} is cut off (is the file truncated?)`);
  return damaged(`${name} could not be read (${error.message})`);
}

/** Closes the zip and waits until its file is closed too (Windows cannot remove an open file). */
export async function closeZip(zip: ZipFile): Promise<void> {
  if (!zip.isOpen) return;
  await new Promise<void>((resolve) => {
    // A stream still holding the file closes it when it ends; never wait on that for long.
    const timer = setTimeout(resolve, 2000);
    timer.unref();
    zip.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    zip.close();
  });
}

/** A name from a hostile archive, safe to show: control characters made visible. */
export function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
