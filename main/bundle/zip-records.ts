// The records of a zip archive as write-bundle.ts writes them: a local header before each entry's
// deflated data, a central directory after the last entry, and the end records; ZIP64 fields and
// records only where a size, an offset or the entry count does not fit the classic ones. Every
// name is flagged UTF-8 and every entry is deflated (method 8), as the bundle reader expects.
// Building these ourselves lets the data be deflated in parallel elsewhere (deflate-slices.ts).

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EXTRA_ID = 0x0001;
const U16_MAX = 0xffff;
export const U32_MAX = 0xffffffff;
/** Version 2.0 (deflate) and 4.5 (ZIP64) in "version needed"; "made by" adds Unix (3) for the file modes. */
const VERSION_DEFLATE = 20;
const VERSION_ZIP64 = 45;
const MADE_BY_UNIX = 3 << 8;
const FLAG_UTF8 = 0x0800;
const METHOD_DEFLATE = 8;
/** A regular file, rw-r--r--, in the upper half of "external attributes". */
const UNIX_FILE_MODE = 0o100644;

export const LOCAL_HEADER_SIZE = 30;
/** Where the CRC-32 and compressed size sit in a local header, for patching once they are known. */
export const LOCAL_CRC_OFFSET = 14;

/** One entry as the central directory lists it. */
export interface ZipEntryRecord {
  readonly name: Uint8Array;
  readonly dosTime: number;
  readonly crc: number;
  readonly size: number;
  readonly compressedSize: number;
  /** Where its local header starts in the archive. */
  readonly offset: number;
  /** Its local header carries the ZIP64 sizes. */
  readonly zip64: boolean;
}

/**
 * Whether an entry of `size` bytes may need ZIP64 sizes: deflate can grow data that does not compress
 * (about 5 bytes per 16 KB block, plus the slices' flush markers), so the margin is generous.
 */
export function needsZip64(size: number): boolean {
  return size + Math.ceil(size / 16_000) * 5 + 1024 * 1024 >= U32_MAX;
}

/**
 * The entry's time in MS-DOS form (local time, 2-second steps, as zip tools read it): time in the
 * low 16 bits, date in the high 16. Dates outside 1980–2107 become 1980-01-01 00:00.
 *
 * @example dosDateTime(new Date(2025, 2, 1, 12, 0, 0)) === ((45 << 25) | (3 << 21) | (1 << 16) | (12 << 11)) >>> 0
 */
export function dosDateTime(date: Date): number {
  const year = date.getFullYear();
  if (Number.isNaN(year) || year < 1980 || year > 2107) return (1 << 21) | (1 << 16);
  const day = ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  const time = (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1);
  return ((day << 16) | time) >>> 0;
}

/**
 * A local header for an entry whose CRC-32 and compressed size are not known yet (zeros, patched
 * later with `patchLocalHeader`); a ZIP64 one carries both sizes in its extra field.
 */
export function localHeader(name: Uint8Array, size: number, dosTime: number, zip64: boolean): Buffer {
  const header = Buffer.alloc(LOCAL_HEADER_SIZE + name.length + (zip64 ? 20 : 0));
  header.writeUInt32LE(LOCAL_SIGNATURE, 0);
  header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_DEFLATE, 4);
  header.writeUInt16LE(FLAG_UTF8, 6);
  header.writeUInt16LE(METHOD_DEFLATE, 8);
  header.writeUInt32LE(dosTime, 10);
  header.writeUInt32LE(zip64 ? U32_MAX : 0, 18);
  header.writeUInt32LE(zip64 ? U32_MAX : size, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(zip64 ? 20 : 0, 28);
  header.set(name, LOCAL_HEADER_SIZE);
  if (zip64) {
    const extra = LOCAL_HEADER_SIZE + name.length;
    header.writeUInt16LE(ZIP64_EXTRA_ID, extra);
    header.writeUInt16LE(16, extra + 2);
    header.writeBigUInt64LE(BigInt(size), extra + 4);
  }
  return header;
}

/**
 * The patches that complete a local header once the entry is written: byte offsets within the
 * header and the bytes to put there (the CRC-32 and compressed size, or ZIP64's 64-bit size; and
 * the size, for a classic header begun before it was known).
 */
export function localHeaderPatches(
  nameLength: number,
  crc: number,
  compressedSize: number,
  zip64: boolean,
  size?: number,
): { at: number; bytes: Buffer }[] {
  const classic = Buffer.alloc(size === undefined || zip64 ? 8 : 12);
  classic.writeUInt32LE(crc, 0);
  if (!zip64) {
    classic.writeUInt32LE(compressedSize, 4);
    if (size !== undefined) classic.writeUInt32LE(size, 8);
    return [{ at: LOCAL_CRC_OFFSET, bytes: classic }];
  }
  classic.writeUInt32LE(U32_MAX, 4);
  const wide = Buffer.alloc(8);
  wide.writeBigUInt64LE(BigInt(compressedSize));
  return [
    { at: LOCAL_CRC_OFFSET, bytes: classic },
    { at: LOCAL_HEADER_SIZE + nameLength + 12, bytes: wide },
  ];
}

/** The central directory entry of `entry`, with a ZIP64 extra field for the values that overflow. */
export function centralHeader(entry: ZipEntryRecord): Buffer {
  const wideSize = entry.zip64 || entry.size >= U32_MAX;
  const wideCompressed = entry.zip64 || entry.compressedSize >= U32_MAX;
  const wideOffset = entry.offset >= U32_MAX;
  // ZIP64 lists the overflowing values in this order: size, compressed size, local header offset.
  const wide: number[] = [];
  if (wideSize) wide.push(entry.size);
  if (wideCompressed) wide.push(entry.compressedSize);
  if (wideOffset) wide.push(entry.offset);
  const extraLength = wide.length > 0 ? 4 + 8 * wide.length : 0;
  const header = Buffer.alloc(46 + entry.name.length + extraLength);
  const version = wide.length > 0 ? VERSION_ZIP64 : VERSION_DEFLATE;
  header.writeUInt32LE(CENTRAL_SIGNATURE, 0);
  header.writeUInt16LE(MADE_BY_UNIX | version, 4);
  header.writeUInt16LE(version, 6);
  header.writeUInt16LE(FLAG_UTF8, 8);
  header.writeUInt16LE(METHOD_DEFLATE, 10);
  header.writeUInt32LE(entry.dosTime, 12);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(wideCompressed ? U32_MAX : entry.compressedSize, 20);
  header.writeUInt32LE(wideSize ? U32_MAX : entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt16LE(extraLength, 30);
  // Comment length, disk number and internal attributes stay 0.
  header.writeUInt32LE((UNIX_FILE_MODE << 16) >>> 0, 38);
  header.writeUInt32LE(wideOffset ? U32_MAX : entry.offset, 42);
  header.set(entry.name, 46);
  if (extraLength > 0) {
    const extra = 46 + entry.name.length;
    header.writeUInt16LE(ZIP64_EXTRA_ID, extra);
    header.writeUInt16LE(extraLength - 4, extra + 2);
    wide.forEach((value, index) => header.writeBigUInt64LE(BigInt(value), extra + 4 + 8 * index));
  }
  return header;
}

/**
 * The records after the central directory: the end record, preceded by the ZIP64 end record and
 * its locator when the entry count, the directory's size or its offset do not fit the end record.
 */
export function endRecords(count: number, directoryOffset: number, directorySize: number): Buffer {
  const zip64 = count >= U16_MAX || directoryOffset >= U32_MAX || directorySize >= U32_MAX;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_SIGNATURE, 0);
  end.writeUInt16LE(zip64 ? U16_MAX : count, 8);
  end.writeUInt16LE(zip64 ? U16_MAX : count, 10);
  end.writeUInt32LE(zip64 ? U32_MAX : directorySize, 12);
  end.writeUInt32LE(zip64 ? U32_MAX : directoryOffset, 16);
  if (!zip64) return end;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(ZIP64_END_SIGNATURE, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(MADE_BY_UNIX | VERSION_ZIP64, 12);
  record.writeUInt16LE(VERSION_ZIP64, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(directorySize), 40);
  record.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(ZIP64_LOCATOR_SIGNATURE, 0);
  locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}
