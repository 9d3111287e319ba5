// A small zip inspector that runs before any zip library sees an imported file. It walks the
// central directory, then inflates every entry once, counting the output without keeping it, so a
// zip bomb is refused before a parser (JSZip inside mammoth) would inflate it into memory. Sizes
// written in the headers are never trusted for that check: a bomb can declare anything.
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { fail, ok, type Result } from '../../../core/result.ts';
import { formatBytes } from '../../../core/text/format-bytes.ts';

/** One file in the archive, where its stored (possibly compressed) bytes are. */
export interface ZipEntry {
  /** The path inside the archive, e.g. "word/document.xml". */
  readonly name: string;
  /** 0 = stored, 8 = deflate: the only methods Office writes, and the only ones accepted. */
  readonly method: 0 | 8;
  readonly dataStart: number;
  readonly compressedSize: number;
}

/** `not-zip`: no zip directory at all; callers say what kind of file they expected. */
export type ZipGuardCode = 'not-zip' | 'corrupt' | 'too-much-data' | 'cancelled';

/** More entries than this is refused outright; a .docx has a few dozen, a big one a few hundred. */
export const MAX_ZIP_ENTRIES = 10_000;

const END_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
/** Output chunk of the counting inflater: large enough to keep thread-pool round trips few. */
const INFLATE_CHUNK = 256 * 1024;

const damaged = (detail: string) => fail('corrupt', `the file is damaged: ${detail}`);

/**
 * Lists the entries of the zip in `bytes` from its central directory, checking that each entry's
 * data lies inside the file. Inflates nothing; see `checkInflatedSize` for that.
 */
export function readZipDirectory(bytes: Uint8Array, fileName: string, maxEntries = MAX_ZIP_ENTRIES): Result<ZipEntry[], ZipGuardCode> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  if (end === undefined) return fail('not-zip', `${fileName} is not a zip archive`);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0) return damaged('it is one part of a split zip archive');
  let count = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  if (
    (count === U16_MAX || size === U32_MAX || offset === U32_MAX) &&
    end >= 20 &&
    view.getUint32(end - 20, true) === ZIP64_LOCATOR_SIGNATURE
  ) {
    // ZIP64: the real values live in a second end record, which a locator just before this one points to.
    const record = Number(view.getBigUint64(end - 20 + 8, true));
    if (record + 56 > view.byteLength || view.getUint32(record, true) !== ZIP64_END_SIGNATURE)
      return damaged('its ZIP64 end record is missing');
    count = Number(view.getBigUint64(record + 32, true));
    size = Number(view.getBigUint64(record + 40, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  if (count > maxEntries) return fail('too-much-data', `the archive lists ${count} entries; more than ${maxEntries} is refused`);
  if (offset + size > view.byteLength) return damaged('the zip directory runs past the end of the file (is it truncated?)');
  if (count * CENTRAL_HEADER_SIZE > size) return damaged(`the zip directory is too small for the ${count} entries it claims`);

  const entries: ZipEntry[] = [];
  const directoryEnd = offset + size;
  let at = offset;
  for (let index = 0; index < count; index++) {
    if (at + CENTRAL_HEADER_SIZE > directoryEnd || view.getUint32(at, true) !== CENTRAL_SIGNATURE)
      return damaged(`zip directory entry ${index + 1} is broken`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const nameStart = at + CENTRAL_HEADER_SIZE;
    const extraStart = nameStart + view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const next = extraStart + extraLength + view.getUint16(at + 32, true);
    if (next > directoryEnd) return damaged(`zip directory entry ${index + 1} is broken`);
    const name = new TextDecoder().decode(bytes.subarray(nameStart, extraStart));
    const { compressedSize, localOffset } = zip64Values(view, extraStart, extraLength, {
      uncompressedSize: view.getUint32(at + 24, true),
      compressedSize: view.getUint32(at + 20, true),
      localOffset: view.getUint32(at + 42, true),
    });
    if (flags & 1) return damaged(`${name} is encrypted`);
    if (method !== 0 && method !== 8) return damaged(`${name} uses compression method ${method}, which is not supported`);
    if (localOffset + LOCAL_HEADER_SIZE > view.byteLength || view.getUint32(localOffset, true) !== LOCAL_SIGNATURE)
      return damaged(`the header of ${name} is missing`);
    // The data starts after the local header's own name and extra field, which may differ from the directory's.
    const dataStart = localOffset + LOCAL_HEADER_SIZE + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > view.byteLength) return damaged(`${name} is cut off`);
    entries.push({ name, method: method === 0 ? 0 : 8, dataStart, compressedSize });
    at = next;
  }
  return ok(entries);
}

export interface InflateCheckOptions {
  readonly maxInflatedBytes: number;
  readonly signal?: AbortSignal;
}

/**
 * Inflates every entry with a streaming inflater, keeping only a running count, and refuses the
 * archive ('too-much-data') as soon as the total passes `maxInflatedBytes`. Memory stays at a few
 * inflater buffers whatever the archive holds. Resolves to the total inflated size.
 */
export async function checkInflatedSize(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  options: InflateCheckOptions,
): Promise<Result<number, ZipGuardCode>> {
  const cap = options.maxInflatedBytes;
  let total = 0;
  for (const entry of entries) {
    if (options.signal?.aborted) return fail('cancelled', 'the import was cancelled');
    const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    // Counted up to the whole cap, not just what is left of it, to say which limit the entry breaks.
    const counted =
      entry.method === 0 || data.length === 0
        ? { kind: 'done' as const, bytes: data.length }
        : await countInflated(data, cap, options.signal);
    if (counted.kind === 'cancelled') return fail('cancelled', 'the import was cancelled');
    if (counted.kind === 'broken') return damaged(`${entry.name} does not inflate (${counted.message})`);
    if (counted.kind === 'over' || counted.bytes > cap)
      return fail('too-much-data', `${entry.name} inflates past ${formatBytes(cap)}: refusing a possible zip bomb`);
    if (total + counted.bytes > cap)
      return fail('too-much-data', `${entry.name} takes the inflated total past ${formatBytes(cap)}: refusing a possible zip bomb`);
    total += counted.bytes;
  }
  return ok(total);
}

/**
 * The inflated bytes of one entry, or undefined if it does not inflate or is larger than `maxBytes`.
 * For small parts (metadata) of an archive that `checkInflatedSize` has already passed.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Uint8Array | undefined {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) return data.length <= maxBytes ? data : undefined;
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    return undefined;
  }
}

/** The end record sits in the last 22 bytes, or before a comment of at most 65,535 bytes. */
function findEndRecord(view: DataView): number | undefined {
  const last = view.byteLength - END_SIZE;
  for (let at = last; at >= 0 && at >= last - U16_MAX; at--) {
    if (view.getUint32(at, true) === END_SIGNATURE) return at;
  }
  return undefined;
}

interface EntryNumbers {
  readonly uncompressedSize: number;
  readonly compressedSize: number;
  readonly localOffset: number;
}

/**
 * ZIP64 moves sizes and offsets that do not fit 32 bits to extra field 0x0001, in the order
 * uncompressed size, compressed size, local header offset, each only if its 32-bit field is all ones.
 */
function zip64Values(view: DataView, start: number, length: number, numbers: EntryNumbers): EntryNumbers {
  for (let at = start; at + 4 <= start + length; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) !== 0x0001) continue;
    const fieldEnd = Math.min(at + 4 + view.getUint16(at + 2, true), start + length);
    let cursor = at + 4;
    const widen = (value: number) => {
      if (value !== U32_MAX || cursor + 8 > fieldEnd) return value;
      cursor += 8;
      return Number(view.getBigUint64(cursor - 8, true));
    };
    // Evaluated in field order, since each widened value moves the cursor.
    const uncompressedSize = widen(numbers.uncompressedSize);
    const compressedSize = widen(numbers.compressedSize);
    return { uncompressedSize, compressedSize, localOffset: widen(numbers.localOffset) };
  }
  return numbers;
}

type Counted = { kind: 'done'; bytes: number } | { kind: 'over' } | { kind: 'broken'; message: string } | { kind: 'cancelled' };

/** Inflates `data`, counting output bytes; stops as soon as the count passes `limit`. */
function countInflated(data: Uint8Array, limit: number, signal: AbortSignal | undefined): Promise<Counted> {
  return new Promise((resolve) => {
    const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK });
    let bytes = 0;
    let settled = false;
    const settle = (counted: Counted) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      inflater.destroy();
      resolve(counted);
    };
    const onAbort = () => settle({ kind: 'cancelled' });
    signal?.addEventListener('abort', onAbort, { once: true });
    // Chunks are counted and dropped at once: nothing holds on to them, so they are garbage.
    inflater.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) settle({ kind: 'over' });
    });
    inflater.on('error', (error) => settle({ kind: 'broken', message: error.message }));
    inflater.on('end', () => settle({ kind: 'done', bytes }));
    inflater.end(data);
  });
}
