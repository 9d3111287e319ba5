import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BundleManifest, canonicalFileList, computeRootHash, signedBytes } from './manifest.ts';
import { compareUtf8, utf8 } from './utf8.ts';

const sha256Hex = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const valid = {
  bundleFormat: 1,
  appVersion: '0.1.0',
  creator: 'Ana Ruiz',
  createdAt: '2025-03-01T12:00:00.000Z',
  workspace: 'Elections 2025',
  files: [{ path: 'claims.json', size: 3, sha256: hashA }],
  rootHash: hashB,
};

describe('utf8', () => {
  it('encodes like TextEncoder, astral characters and combining marks included', () => {
    const text = 'a é ～ 😀 e\u0301 \u0000 \u07ff \u0800 \uffff';
    expect(utf8(text)).toEqual(new TextEncoder().encode(text));
  });

  it.each([
    '',
    'x',
    '\u{10000}\u{10FFFF}',
    '\ud800',
    'a\udc00',
    '\ud800\ud800\udc00',
    '\udbff',
    '\ud83d\ude00\ud83d',
    '\u07ff\u0800'.repeat(50),
  ])('encodes %j as TextEncoder does, lone surrogates as U+FFFD', (text) => expect(utf8(text)).toEqual(new TextEncoder().encode(text)));

  it('orders by code point, unlike UTF-16 comparison', () => {
    // U+FF5E is one UTF-16 unit above the surrogates of U+1F600, but below it in UTF-8.
    expect('😀' < '～').toBe(true);
    expect(compareUtf8('～', '😀')).toBeLessThan(0);
    expect(compareUtf8('a', 'ab')).toBeLessThan(0);
    expect(compareUtf8('b', 'b')).toBe(0);
  });

  it('orders as comparing code points one by one, on any pair (surrogates, lone ones, prefixes, CJK, private use)', () => {
    const strings = [
      '',
      'a',
      'ab',
      'b',
      'B',
      '\u00e9',
      'e\u0301',
      '\u4e2d',
      '\ud7ff',
      '\ue000',
      '\uff5e',
      '\uffff',
      '\u{1F600}',
      '\u{10FFFF}',
    ];
    strings.push('\ud800', '\udc00x', 'a\u{1F600}', 'a\uff5e', 'documents/d1.json', 'documents/d1.txt', 'documents/d10.json');
    const byCodePoints = (a: string, b: string) => {
      const [left, right] = [a, b].map((text) => Array.from(text, (char) => char.codePointAt(0)!)) as [number[], number[]];
      const differs = left.findIndex((code, index) => index >= right.length || code !== right[index]);
      if (differs >= 0 && differs < right.length) return left[differs]! - right[differs]!;
      return left.length - right.length;
    };
    for (const a of strings) for (const b of strings) expect([a, b, compareUtf8(a, b)]).toEqual([a, b, byCodePoints(a, b)]);
  });
});

describe('canonicalFileList', () => {
  it('is path\\tsize\\tsha256\\n lines in UTF-8 byte order', () => {
    const files = [
      { path: '😀.txt', size: 10, sha256: hashA },
      { path: 'b/c.txt', size: 0, sha256: hashB },
      { path: '～.txt', size: 1234567, sha256: hashA },
      { path: 'B.txt', size: 2, sha256: hashB },
    ];
    expect(decode(canonicalFileList(files))).toBe(
      `B.txt\t2\t${hashB}\nb/c.txt\t0\t${hashB}\n～.txt\t1234567\t${hashA}\n😀.txt\t10\t${hashA}\n`,
    );
  });

  it('gives the root hash as the SHA-256 of those bytes, and of nothing for no files', () => {
    const files = [
      { path: 'z', size: 1, sha256: hashA },
      { path: 'a', size: 2, sha256: hashB },
    ];
    expect(computeRootHash(files, sha256Hex)).toBe(sha256Hex(`a\t2\t${hashB}\nz\t1\t${hashA}\n`));
    expect(computeRootHash([], sha256Hex)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('signedBytes', () => {
  it('is the documented ten lines, never the signature value or the file list', () => {
    const signature = { algorithm: 'Ed25519', signer: 'Ana Ruiz', publicKey: 'MCowBQYDK2VwAyEA' } as const;
    const text = decode(signedBytes(valid as BundleManifest, signature));
    expect(text).toBe(
      'claimbundle-signature-v1\nbundleFormat\t1\nappVersion\t0.1.0\ncreator\tAna Ruiz\ncreatedAt\t2025-03-01T12:00:00.000Z\n' +
        `workspace\tElections 2025\nrootHash\t${hashB}\nalgorithm\tEd25519\nsigner\tAna Ruiz\npublicKey\tMCowBQYDK2VwAyEA\n`,
    );
    expect(decode(signedBytes({ ...valid, files: [] } as BundleManifest, signature))).toBe(text);
  });
});

describe('BundleManifest', () => {
  it('accepts a valid manifest, signed or not', () => {
    expect(BundleManifest.safeParse(valid).success).toBe(true);
    const signature = { algorithm: 'Ed25519', publicKey: 'MCowBQYDK2VwAyEA', signer: 'Ana', value: 'AAAA' };
    expect(BundleManifest.safeParse({ ...valid, signature }).success).toBe(true);
  });

  const file = (path: string, extra: object = {}) => ({ path, size: 1, sha256: hashA, ...extra });
  it.each([
    ['an unknown field', { ...valid, extra: true }, 'Unrecognized key'],
    ['a newer format', { ...valid, bundleFormat: 2 }, 'expected 1'],
    ['no root hash', { ...valid, rootHash: undefined }, 'rootHash'],
    ['a creator with a newline', { ...valid, creator: 'Ana\nrootHash\tx' }, 'control characters'],
    ['an empty workspace name', { ...valid, workspace: '' }, 'workspace'],
    ['a date that is not ISO', { ...valid, createdAt: 'yesterday' }, 'createdAt'],
    ['a traversing path', { ...valid, files: [file('../x')] }, 'unsafe path: it has a ".." segment'],
    ['a backslash path', { ...valid, files: [file('a\\b')] }, 'unsafe path: it contains a backslash'],
    ['a path listed twice', { ...valid, files: [file('a.txt'), file('a.txt')] }, '"a.txt" is listed twice'],
    ['paths equal but for case', { ...valid, files: [file('a.txt'), file('A.TXT')] }, 'same file on a case-insensitive disk'],
    ['the manifest listing itself', { ...valid, files: [file('Manifest.json')] }, 'must not list itself'],
    ['a negative size', { ...valid, files: [file('a', { size: -1 })] }, 'files.0.size'],
    ['a fractional size', { ...valid, files: [file('a', { size: 1.5 })] }, 'files.0.size'],
    ['an upper-case hash', { ...valid, files: [file('a', { sha256: 'A'.repeat(64) })] }, 'files.0.sha256'],
    ['an unknown file field', { ...valid, files: [file('a', { mode: 0o777 })] }, 'Unrecognized key'],
    [
      'an RSA signature',
      { ...valid, signature: { algorithm: 'RSA', publicKey: 'AAAA', signer: 'Ana', value: 'AAAA' } },
      'signature.algorithm',
    ],
    [
      'a signature value that is not base64',
      { ...valid, signature: { algorithm: 'Ed25519', publicKey: 'AAAA', signer: 'Ana', value: 'not base64!' } },
      'must be base64',
    ],
  ])('refuses %s', (_name, manifest, expected) => {
    const parsed = BundleManifest.safeParse(manifest);
    expect(parsed.success).toBe(false);
    const described = parsed.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n');
    expect(described).toContain(expected);
  });
});
