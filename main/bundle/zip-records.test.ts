// The zip records write-bundle.ts writes, checked field by field where a zip reader would look,
// ZIP64 included (archives over 4 GiB cannot be made in a unit test, so their records are checked here).
import { describe, expect, it } from 'vitest';
import { centralHeader, dosDateTime, endRecords, localHeader, localHeaderPatches, needsZip64, type ZipEntryRecord } from './zip-records.ts';

const name = new TextEncoder().encode('documents/ü.txt');
const GiB = 1024 ** 3;

function apply(header: Buffer, patches: { at: number; bytes: Buffer }[]): Buffer {
  for (const { at, bytes } of patches) bytes.copy(header, at);
  return header;
}

describe('zip records', () => {
  it('writes a classic local header, completed by its patches', () => {
    const header = apply(localHeader(name, 1234, 0x5a215f00, false), localHeaderPatches(name.length, 0xdeadbeef, 567, false));
    expect(header.readUInt32LE(0)).toBe(0x04034b50);
    expect(header.readUInt16LE(6)).toBe(0x0800);
    expect(header.readUInt16LE(8)).toBe(8);
    expect(header.readUInt32LE(10)).toBe(0x5a215f00);
    expect([header.readUInt32LE(14), header.readUInt32LE(18), header.readUInt32LE(22)]).toEqual([0xdeadbeef, 567, 1234]);
    expect([header.readUInt16LE(26), header.readUInt16LE(28)]).toEqual([name.length, 0]);
    expect(new TextDecoder().decode(header.subarray(30))).toBe('documents/ü.txt');
  });

  it('writes a ZIP64 local header with both sizes in its extra field', () => {
    const size = 5 * GiB;
    const header = apply(localHeader(name, size, 0, true), localHeaderPatches(name.length, 7, 4.5 * GiB, true));
    expect([header.readUInt32LE(14), header.readUInt32LE(18), header.readUInt32LE(22)]).toEqual([7, 0xffffffff, 0xffffffff]);
    const extra = 30 + name.length;
    expect([header.readUInt16LE(28), header.readUInt16LE(extra), header.readUInt16LE(extra + 2)]).toEqual([20, 1, 16]);
    expect([Number(header.readBigUInt64LE(extra + 4)), Number(header.readBigUInt64LE(extra + 12))]).toEqual([size, 4.5 * GiB]);
  });

  const entry: ZipEntryRecord = { name, dosTime: 1, crc: 2, size: 300, compressedSize: 200, offset: 100, zip64: false };
  it.each([
    ['nothing overflows', entry, { size: 300, compressed: 200, offset: 100 }, []],
    ['the offset overflows', { ...entry, offset: 6 * GiB }, { size: 300, compressed: 200, offset: 0xffffffff }, [6 * GiB]],
    [
      'a ZIP64 entry',
      { ...entry, size: 5 * GiB, compressedSize: 4.5 * GiB, zip64: true },
      { size: 0xffffffff, compressed: 0xffffffff, offset: 100 },
      [5 * GiB, 4.5 * GiB],
    ],
    [
      'everything overflows',
      { ...entry, size: 5 * GiB, compressedSize: 4.5 * GiB, offset: 9 * GiB, zip64: true },
      { size: 0xffffffff, compressed: 0xffffffff, offset: 0xffffffff },
      [5 * GiB, 4.5 * GiB, 9 * GiB],
    ],
  ])('central header where %s', (_name, record, fields, wide) => {
    const header = centralHeader(record);
    expect(header.readUInt32LE(0)).toBe(0x02014b50);
    expect({ size: header.readUInt32LE(24), compressed: header.readUInt32LE(20), offset: header.readUInt32LE(42) }).toEqual(fields);
    expect(header.readUInt16LE(6)).toBe(wide.length > 0 ? 45 : 20);
    expect(header.readUInt32LE(38) >>> 16).toBe(0o100644);
    const extraLength = header.readUInt16LE(30);
    expect(extraLength).toBe(wide.length > 0 ? 4 + 8 * wide.length : 0);
    const extra = 46 + name.length;
    expect(Array.from({ length: wide.length }, (_, index) => Number(header.readBigUInt64LE(extra + 4 + 8 * index)))).toEqual(wide);
  });

  it('writes the end record alone while it can hold the numbers, with the ZIP64 records before it when not', () => {
    const classic = endRecords(3, 1000, 200);
    expect(classic.length).toBe(22);
    expect([classic.readUInt16LE(10), classic.readUInt32LE(12), classic.readUInt32LE(16)]).toEqual([3, 200, 1000]);
    for (const [count, offset] of [
      [70_000, 1000],
      [3, 5 * GiB],
    ]) {
      const records = endRecords(count!, offset!, 200);
      expect(records.length).toBe(56 + 20 + 22);
      expect(records.readUInt32LE(0)).toBe(0x06064b50);
      expect([Number(records.readBigUInt64LE(32)), Number(records.readBigUInt64LE(40)), Number(records.readBigUInt64LE(48))]).toEqual([
        count,
        200,
        offset,
      ]);
      expect(records.readUInt32LE(56)).toBe(0x07064b50);
      expect(Number(records.readBigUInt64LE(64))).toBe(offset! + 200);
      expect([records.readUInt32LE(76), records.readUInt16LE(86), records.readUInt32LE(92)]).toEqual([0x06054b50, 0xffff, 0xffffffff]);
    }
  });

  it('uses ZIP64 sizes only for entries that may not fit 4 GiB, and DOS times in local time', () => {
    expect([needsZip64(0), needsZip64(3.9 * GiB), needsZip64(4 * GiB - 1)]).toEqual([false, false, true]);
    expect(dosDateTime(new Date(2025, 2, 1, 12, 30, 59))).toBe(
      (((2025 - 1980) << 25) | (3 << 21) | (1 << 16) | (12 << 11) | (30 << 5) | 29) >>> 0,
    );
    expect(dosDateTime(new Date(1970, 0, 1))).toBe(dosDateTime(new Date(1980, 0, 1)));
  });
});
