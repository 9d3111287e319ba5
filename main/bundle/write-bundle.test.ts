import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rootHashOf, sha256, utf8 } from '../../tests/support/bundle-builder.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { readZipDirectory } from '../import/formats/zip-guard.ts';
import { readBundle } from './read-bundle.ts';
import { publicKeyBase64 } from './signing.ts';
import { writeBundle, type BundleEntry } from './write-bundle.ts';

const header = { appVersion: '0.1.0', creator: 'Ana Ruiz', workspace: 'Elections 2025', createdAt: '2025-03-01T12:00:00.000Z' };
const entries: BundleEntry[] = [
  { path: 'documents/d1.txt', bytes: utf8('The minister said 40% of voters… 😀 e\u0301\r\nnext line') },
  { path: 'documents/d1.json', bytes: utf8('{"id":"d1"}') },
  { path: 'empty.txt', bytes: new Uint8Array() },
  { path: 'originals/' + 'f'.repeat(64), bytes: new Uint8Array(randomBytes(300_000)) },
  { path: 'notes/～ and 😀.md', bytes: utf8('# notes\n'.repeat(2000)) },
];

async function* slowly(list: readonly BundleEntry[], failAt?: number): AsyncGenerator<BundleEntry> {
  for (const [index, entry] of list.entries()) {
    if (index === failAt) throw new Error('the document store went away');
    await new Promise((resolve) => setTimeout(resolve, 1));
    yield entry;
  }
}

describe('writeBundle', () => {
  it('writes a bundle that reads back byte for byte, with hashes and root hash that check independently', () =>
    withTempDir(async (dir) => {
      const target = path.join(dir, 'work.claimbundle');
      const written = await writeBundle(target, entries, header);
      if (!written.ok) throw new Error(written.error.message);
      expect(await readdir(dir)).toEqual(['work.claimbundle']);

      const { manifest } = written.value;
      expect(manifest).toMatchObject({ bundleFormat: 1, ...header });
      expect(manifest.files).toEqual(entries.map((entry) => ({ path: entry.path, size: entry.bytes.length, sha256: sha256(entry.bytes) })));
      expect(manifest.rootHash).toBe(rootHashOf(manifest.files));

      const bytes = new Uint8Array(await readFile(target));
      const directory = readZipDirectory(bytes, 'work.claimbundle');
      expect(directory.ok && directory.value.map((entry) => [entry.name, entry.method])).toEqual([
        ...entries.map((entry) => [entry.path, 8]),
        ['manifest.json', 8],
      ]);

      const read = await readBundle(target);
      if (!read.ok) throw new Error(read.error.message);
      expect(read.value.manifest).toEqual(manifest);
      expect(read.value.signature).toEqual({ state: 'unsigned' });
      expect([...read.value.files.keys()]).toEqual(entries.map((entry) => entry.path));
      for (const entry of entries) expect(Buffer.from(read.value.files.get(entry.path)!).equals(Buffer.from(entry.bytes))).toBe(true);
      // The same export gives the same bytes.
      const again = path.join(dir, 'again.claimbundle');
      await writeBundle(again, entries, header);
      expect(Buffer.from(await readFile(again)).equals(Buffer.from(bytes))).toBe(true);
    }));

  it('signs the manifest with the given key, and the reader says who signed it', () =>
    withTempDir(async (dir) => {
      const { privateKey } = generateKeyPairSync('ed25519');
      const signingKey = { signer: 'Ana Ruiz', privateKey, publicKey: publicKeyBase64(privateKey), keyFile: '' };
      const target = path.join(dir, 'signed.claimbundle');
      const written = await writeBundle(target, entries, header, { signingKey });
      expect(written.ok && written.value.manifest.signature?.signer).toBe('Ana Ruiz');
      const read = await readBundle(target);
      expect(read.ok && read.value.signature).toMatchObject({ state: 'valid', signer: 'Ana Ruiz', publicKey: signingKey.publicKey });
    }));

  it('streams entries from an async iterator and reports progress per entry', () =>
    withTempDir(async (dir) => {
      const fromArray: [number, number | undefined][] = [];
      const fromIterator: [number, number | undefined][] = [];
      await writeBundle(path.join(dir, 'a.claimbundle'), entries, header, { onProgress: (done, total) => fromArray.push([done, total]) });
      const written = await writeBundle(path.join(dir, 'b.claimbundle'), slowly(entries), header, {
        onProgress: (done, total) => fromIterator.push([done, total]),
      });
      expect(written.ok).toBe(true);
      expect(fromArray).toEqual([1, 2, 3, 4, 5, 6].map((done) => [done, 6]));
      expect(fromIterator).toEqual([1, 2, 3, 4, 5, 6].map((done) => [done, undefined]));
      expect(await readFile(path.join(dir, 'a.claimbundle'))).toEqual(await readFile(path.join(dir, 'b.claimbundle')));
    }));

  it('replaces an existing target only when the new bundle is complete', () =>
    withTempDir(async (dir) => {
      const target = path.join(dir, 'work.claimbundle');
      await writeFile(target, 'the previous export');
      expect((await writeBundle(target, slowly(entries, 2), header)).ok).toBe(false);
      expect(await readFile(target, 'utf8')).toBe('the previous export');
      expect((await writeBundle(target, entries, header)).ok).toBe(true);
      expect((await readBundle(target)).ok).toBe(true);
      expect(await readdir(dir)).toEqual(['work.claimbundle']);
    }));

  it('stops when cancelled after the first entry, leaving no file and the old target as it was', () =>
    withTempDir(async (dir) => {
      const target = path.join(dir, 'work.claimbundle');
      await writeFile(target, 'the previous export');
      const controller = new AbortController();
      const progress: number[] = [];
      const written = await writeBundle(target, slowly(entries), header, {
        signal: controller.signal,
        onProgress: (done) => {
          progress.push(done);
          controller.abort();
        },
      });
      expect(written).toEqual({ ok: false, error: { code: 'cancelled', message: 'the export was cancelled' } });
      expect(progress).toEqual([1]);
      expect(await readdir(dir)).toEqual(['work.claimbundle']);
      expect(await readFile(target, 'utf8')).toBe('the previous export');
    }));

  it('leaves nothing behind when the entries fail half-way', () =>
    withTempDir(async (dir) => {
      const written = await writeBundle(path.join(dir, 'work.claimbundle'), slowly(entries, 3), header);
      expect(written).toEqual({
        ok: false,
        error: { code: 'write-failed', message: 'the bundle could not be written: the document store went away' },
      });
      expect(await readdir(dir)).toEqual([]);
    }));

  it('fails cleanly when the target folder disappears mid-write, or never existed', () =>
    withTempDir(async (dir) => {
      const folder = path.join(dir, 'exports');
      await mkdir(folder);
      const written = await writeBundle(path.join(folder, 'work.claimbundle'), slowly(entries), header, {
        onProgress: (done) => {
          if (done === 2) void rm(folder, { recursive: true, force: true });
        },
      });
      expect(written).toMatchObject({ ok: false, error: { code: 'write-failed' } });
      expect(await readdir(dir)).toEqual([]);
      const nowhere = await writeBundle(path.join(dir, 'missing', 'work.claimbundle'), entries, header);
      expect(nowhere).toMatchObject({
        ok: false,
        error: { code: 'write-failed', message: expect.stringContaining('could not create a file in') },
      });
      expect(await readdir(dir)).toEqual([]);
    }));

  it.each([
    [
      'a traversing path',
      [{ path: '../evil.txt', bytes: utf8('x') }],
      header,
      'the entry "../evil.txt" cannot go into a bundle: it has a ".." segment',
    ],
    [
      'a backslash path',
      [{ path: 'docs\\a.txt', bytes: utf8('x') }],
      header,
      'the entry "docs\\a.txt" cannot go into a bundle: it contains a backslash',
    ],
    [
      'a second manifest',
      [{ path: 'manifest.json', bytes: utf8('{}') }],
      header,
      'the entry "manifest.json" cannot go into a bundle: manifest.json is written by the bundle itself',
    ],
    [
      'names equal but for case',
      [
        { path: 'a.txt', bytes: utf8('x') },
        { path: 'A.txt', bytes: utf8('y') },
      ],
      header,
      'the entries "a.txt" and "A.txt" would be the same file',
    ],
    [
      'a header without a date',
      entries,
      { ...header, createdAt: 'today' },
      'the bundle header is not valid: createdAt: Invalid ISO datetime',
    ],
    [
      'a creator with a tab',
      entries,
      { ...header, creator: 'Ana\tRuiz' },
      'the bundle header is not valid: creator: must not contain control characters or lone surrogates',
    ],
  ])('refuses %s as invalid, writing nothing', (_name, list, badHeader, message) =>
    withTempDir(async (dir) => {
      expect(await writeBundle(path.join(dir, 'x.claimbundle'), list, badHeader)).toEqual({
        ok: false,
        error: { code: 'invalid', message },
      });
      expect(await readdir(dir)).toEqual([]);
    }),
  );
});
