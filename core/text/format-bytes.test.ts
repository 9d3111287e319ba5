import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes.ts';

const MiB = 1024 * 1024;

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [999, '999 bytes'],
    [1000, '1.0 KB'],
    [1024, '1.0 KB'],
    [1_400, '1.4 KB'],
    [9_949, '9.9 KB'],
    [9_950, '10 KB'],
    [820_000, '820 KB'],
    [999_499, '999 KB'],
    [999_500, '1.0 MB'],
    [1_400_000, '1.4 MB'],
    // The binary limits main sets, as a file manager would show a file of that size.
    [MiB, '1.0 MB'],
    [8 * MiB, '8.4 MB'],
    [64 * MiB, '67 MB'],
    [512 * MiB, '537 MB'],
    [4.2e9, '4.2 GB'],
    [5e12, '5.0 TB'],
    [2e15, '2000 TB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
