// A minimal zip writer for tests, so every archive a test needs is built there, byte by byte
// (stored and deflated entries, ZIP64, lying size headers for zip bombs, raw name bytes, Unix file
// modes for symlinks, directories and devices).
import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

const MiB = 1024 * 1024;

export interface Part {
  readonly name: string;
  /** The bytes as stored in the archive (already deflated for method 8). */
  readonly stored: Uint8Array;
  readonly method: number;
  /** The uncompressed size the headers declare; a bomb can lie about it. */
  readonly size: number;
  readonly crc: number;
  readonly flags?: number;
  /** The name as written, when it is not the UTF-8 of `name` (a CP437 name, say). */
  readonly nameBytes?: Uint8Array;
  /** The compressed size the headers declare; the length of `stored` by default. */
  readonly compressedSize?: number;
  /** "Version made by": the high byte is the system (0 MS-DOS, 3 Unix); 45 (MS-DOS, spec 4.5) by default. */
  readonly madeBy?: number;
  /** External attributes: a Unix file mode in the high 16 bits, MS-DOS attributes in the low byte. */
  readonly attributes?: number;
}

export const stored = (name: string, content: Uint8Array): Part => ({
  name,
  stored: content,
  method: 0,
  size: content.length,
  crc: crc32(content),
});
export const deflated = (name: string, content: Uint8Array): Part => ({
  name,
  stored: deflateRawSync(content),
  method: 8,
  size: content.length,
  crc: crc32(content),
});

/** `part` as made on Unix with file `mode` (e.g. 0o040755 a directory, 0o010644 a FIFO). */
export const withMode = (part: Part, mode: number): Part => ({ ...part, madeBy: 0x031e, attributes: (mode << 16) >>> 0 });
/** A Unix symbolic link `name` → `target`, as `zip --symlinks` stores one: the target is its content. */
export const symlink = (name: string, target: string): Part => withMode(stored(name, new TextEncoder().encode(target)), 0o120777);

export function zip(parts: readonly Part[], options: { zip64?: boolean } = {}): Uint8Array {
  const U32 = 0xffffffff;
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.nameBytes ?? Buffer.from(part.name));
    const compressedSize = part.compressedSize ?? part.stored.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.flags ?? 0, 6);
    local.writeUInt16LE(part.method, 8);
    local.writeUInt32LE(part.crc, 14);
    local.writeUInt32LE(compressedSize, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    // ZIP64 keeps the real numbers in an extra field and all ones in the 32-bit fields.
    const extra = Buffer.alloc(options.zip64 ? 28 : 0);
    if (options.zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(part.size), 4);
      extra.writeBigUInt64LE(BigInt(compressedSize), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(part.madeBy ?? 45, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(part.flags ?? 0, 8);
    header.writeUInt16LE(part.method, 10);
    header.writeUInt32LE(part.crc, 16);
    header.writeUInt32LE(options.zip64 ? U32 : compressedSize, 20);
    header.writeUInt32LE(options.zip64 ? U32 : part.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(extra.length, 30);
    header.writeUInt32LE(part.attributes ?? 0, 38);
    header.writeUInt32LE(options.zip64 ? U32 : offset, 42);
    central.push(header, name, extra);
    chunks.push(local, name, Buffer.from(part.stored));
    offset += local.length + name.length + part.stored.length;
  }
  const directory = Buffer.concat(central);
  const tail: Buffer[] = [];
  if (options.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeBigUInt64LE(BigInt(parts.length), 24);
    record.writeBigUInt64LE(BigInt(parts.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 8);
  end.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 10);
  end.writeUInt32LE(options.zip64 ? U32 : directory.length, 12);
  end.writeUInt32LE(options.zip64 ? U32 : offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, directory, ...tail, end]));
}

/** `size` zero bytes, deflated through a stream so the test never holds them all. */
export async function deflatedZeros(name: string, size: number): Promise<Part> {
  const deflater = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => chunks.push(chunk));
  const block = Buffer.alloc(MiB);
  let crc = 0;
  for (let left = size; left > 0; left -= block.length) {
    const piece = left >= block.length ? block : block.subarray(0, left);
    crc = crc32(piece, crc);
    if (!deflater.write(piece)) await once(deflater, 'drain');
  }
  const ended = once(deflater, 'end');
  deflater.end();
  await ended;
  return { name, stored: Buffer.concat(chunks), method: 8, size, crc };
}
