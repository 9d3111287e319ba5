import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleZip, manifestFor, manifestListing, rootHashOf, sha256, utf8, type BuiltFile } from '../../tests/support/bundle-builder.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { deflated, deflatedZeros, stored, symlink, withMode, zip, type Part } from '../../tests/support/zip-writer.ts';
import { formatBytes } from '../../core/text/format-bytes.ts';
import { loadBundle } from './load-bundle.ts';
import { openBundle, verifyBundle, type BundleLimits, type OpenBundleOptions } from './open-bundle.ts';
import { writeBundle } from './write-bundle.ts';

const MiB = 1024 * 1024;
const files: BuiltFile[] = [
  { path: 'documents/d1.txt', bytes: utf8('The minister said 40% of voters…') },
  { path: 'claims.json', bytes: utf8('[{"id":"c1"}]') },
];
const [d1, claims] = files as [BuiltFile, BuiltFile];
const good = manifestFor(files);
const evil = utf8('evil');
const listed = (name: string, bytes: Uint8Array) => ({ path: name, size: bytes.length, sha256: sha256(bytes) });
/** The good manifest, but listing `name` with the `size` a lying header declares. */
const listedAs = (name: string, size: number) => {
  const lines = good.files.map((file) => (file.path === name ? { ...file, size } : file));
  return { ...good, files: lines, rootHash: rootHashOf(lines) };
};
/** A bundle of exactly `parts` and then `manifest`. */
const bundleOf = (parts: readonly Part[], manifest: unknown = good) =>
  zip([...parts, deflated('manifest.json', utf8(JSON.stringify(manifest)))]);

/**
 * Runs `openBundle` on `bytes` in a fresh folder laid out as root/{work.claimbundle, parent/, sentinel/keep.txt},
 * with parent/ as the temp parent: a name with one "../" lands in parent/, with two beside sentinel/.
 */
async function openIn(bytes: Uint8Array, options: OpenBundleOptions = {}) {
  return withTempDir(async (root) => {
    const parent = path.join(root, 'parent');
    await mkdir(parent);
    await mkdir(path.join(root, 'sentinel'));
    await writeFile(path.join(root, 'sentinel', 'keep.txt'), 'keep');
    const bundle = path.join(root, 'work.claimbundle');
    await writeFile(bundle, bytes);
    const before = await snapshot(root);
    const result = await openBundle(bundle, { ...options, tempParent: parent });
    if (result.ok) await result.value.dispose();
    return { result, parentAfter: await readdir(parent), untouched: JSON.stringify(await snapshot(root)) === JSON.stringify(before) };
  });
}

/** Every path under `dir` with its kind and content hash. */
async function snapshot(dir: string): Promise<string[]> {
  const lines: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full);
    if (entry.isSymbolicLink()) lines.push(`${relative} -> ${await readlink(full)}`);
    else if (entry.isFile()) lines.push(`${relative} ${sha256(await readFile(full))}`);
    else lines.push(`${relative}/`);
  }
  return lines.sort();
}

interface HostileCase {
  readonly name: string;
  readonly bytes: () => Uint8Array | Promise<Uint8Array>;
  readonly limits?: Partial<BundleLimits>;
  readonly code: string;
  readonly message: string;
}

const zeros = deflatedZeros('documents/zeros.txt', 2 * MiB);
const fiveMiB = (name: string) => ({ ...deflated(name, evil), size: 5 * MiB });
const cp437Name = { ...deflated('café.txt', evil), nameBytes: Uint8Array.from([0x63, 0x61, 0x66, 0x82, 0x2e, 0x74, 0x78, 0x74]) };
const flipped = Uint8Array.from(claims.bytes, (byte, index) => (index === 3 ? byte ^ 1 : byte));

const hostile: HostileCase[] = [
  // Names that would escape or clash.
  {
    name: 'a ".." name',
    bytes: () => bundleZip(files, { extra: [deflated('../evil.txt', evil)] }),
    code: 'unsafe-entry',
    message: 'the entry "../evil.txt" is refused: it has a ".." segment',
  },
  {
    name: 'a "../.." name aimed at the sentinel',
    bytes: () => bundleZip(files, { extra: [deflated('../../sentinel/evil.txt', evil)] }),
    code: 'unsafe-entry',
    message: 'the entry "../../sentinel/evil.txt" is refused: it has a ".." segment',
  },
  {
    name: 'an absolute name',
    bytes: () => bundleZip(files, { extra: [deflated('/tmp/evil.txt', evil)] }),
    code: 'unsafe-entry',
    message: 'the entry "/tmp/evil.txt" is refused: it is absolute',
  },
  {
    name: 'a backslash name',
    bytes: () => bundleZip(files, { extra: [deflated('..\\..\\sentinel\\evil.txt', evil)] }),
    code: 'unsafe-entry',
    message: 'the entry "..\\..\\sentinel\\evil.txt" is refused: it contains a backslash',
  },
  {
    name: 'a drive letter',
    bytes: () => bundleZip(files, { extra: [deflated('C:/evil.txt', evil)] }),
    code: 'unsafe-entry',
    message: 'the entry "C:/evil.txt" is refused: it starts with a drive letter',
  },
  {
    name: 'a name that is not UTF-8 (CP437)',
    bytes: () => bundleZip(files, { extra: [cp437Name] }),
    code: 'unsafe-entry',
    message:
      'zip entry 3 ("caf\uFFFD.txt") is refused: its name is not UTF-8 (a CP437 name from an old zip tool?), and a bundle\'s names always are',
  },
  {
    name: 'a duplicate name',
    bytes: () => bundleZip(files, { extra: [deflated('claims.json', evil)] }),
    code: 'unsafe-entry',
    message: 'the entry "claims.json" appears twice',
  },
  {
    name: 'names equal but for case',
    bytes: () =>
      bundleZip(files, { manifest: manifestListing(files, [listed('Claims.JSON', evil)]), extra: [deflated('Claims.JSON', evil)] }),
    code: 'unsafe-entry',
    message: 'the entries "claims.json" and "Claims.JSON" would be the same file on a case-insensitive disk',
  },
  {
    name: 'names equal once case folded (ß, SS)',
    bytes: () => bundleZip(files, { extra: [deflated('Straße.txt', evil), deflated('STRASSE.txt', evil)] }),
    code: 'unsafe-entry',
    message: 'the entries "Straße.txt" and "STRASSE.txt" would be the same file on a case-insensitive disk',
  },
  {
    name: 'names equal after NFC',
    bytes: () => bundleZip(files, { extra: [deflated('café.txt', evil), deflated('cafe\u0301.txt', evil)] }),
    code: 'unsafe-entry',
    message: 'the entry "cafe\u0301.txt" is refused: it is not in Unicode NFC',
  },
  {
    name: 'a file that is also a folder',
    bytes: () => bundleZip(files, { extra: [deflated('documents', evil)] }),
    code: 'unsafe-entry',
    message: 'the entry "documents" is refused: it would be both a file and the folder of "documents/d1.txt"',
  },
  // Entries that are not plain files.
  {
    name: 'a symlink, then a file written through it',
    bytes: () => bundleZip(files, { extra: [symlink('documents/link', '../../sentinel'), deflated('documents/link/pwned.txt', evil)] }),
    code: 'unsafe-entry',
    message: 'the entry "documents/link" is refused: it is a symbolic link; a bundle holds only plain files',
  },
  {
    name: 'a symlink the manifest lists',
    bytes: () =>
      bundleZip(files, {
        manifest: manifestListing(files, [listed('link', utf8('../sentinel'))]),
        extra: [symlink('link', '../sentinel')],
      }),
    code: 'unsafe-entry',
    message: 'the entry "link" is refused: it is a symbolic link; a bundle holds only plain files',
  },
  {
    name: 'a directory entry with data',
    bytes: () => bundleZip(files, { extra: [withMode(stored('documents/', new Uint8Array([1])), 0o040755)] }),
    code: 'unsafe-entry',
    message: 'the entry "documents/" is refused: it is a directory; a bundle holds only plain files',
  },
  {
    name: 'a directory entry that climbs out',
    bytes: () => bundleZip(files, { extra: [withMode(stored('../', new Uint8Array()), 0o040755)] }),
    code: 'unsafe-entry',
    message: 'the entry "../" is refused: it is a directory; a bundle holds only plain files',
  },
  {
    name: 'a directory by its Unix mode alone',
    bytes: () => bundleZip(files, { extra: [withMode(stored('folder', new Uint8Array()), 0o040755)] }),
    code: 'unsafe-entry',
    message: 'the entry "folder" is refused: it is a directory; a bundle holds only plain files',
  },
  {
    name: 'a directory by its MS-DOS attribute alone',
    bytes: () => bundleZip(files, { extra: [{ ...stored('folder', new Uint8Array()), attributes: 0x10 }] }),
    code: 'unsafe-entry',
    message: 'the entry "folder" is refused: it is a directory; a bundle holds only plain files',
  },
  {
    name: 'a FIFO',
    bytes: () => bundleZip(files, { extra: [withMode(stored('pipe', new Uint8Array()), 0o010644)] }),
    code: 'unsafe-entry',
    message: 'the entry "pipe" is refused: it is a FIFO, not a plain file',
  },
  {
    name: 'a device',
    bytes: () => bundleZip(files, { extra: [withMode(stored('tty', new Uint8Array()), 0o020620)] }),
    code: 'unsafe-entry',
    message: 'the entry "tty" is refused: it is a character device, not a plain file',
  },
  {
    name: 'an encrypted entry',
    bytes: () => bundleZip(files, { extra: [{ ...deflated('secret.txt', evil), flags: 1 }] }),
    code: 'unsafe-entry',
    message: 'the entry "secret.txt" is refused: it is encrypted; a bundle never is',
  },
  {
    name: 'another compression method',
    bytes: () => bundleZip(files, { extra: [{ ...stored('data.bz2', evil), method: 12 }] }),
    code: 'unsafe-entry',
    message: 'the entry "data.bz2" is refused: it uses compression method 12; a bundle uses only 0 (stored) or 8 (deflate)',
  },
  // Too much data, declared.
  {
    name: 'too many entries',
    bytes: () => bundleZip(files),
    limits: { maxEntries: 2 },
    code: 'too-much-data',
    message: 'the archive lists 3 entries; more than 2 is refused',
  },
  // A limit given as undefined keeps its default (512 MiB), rather than lifting it.
  {
    name: 'a declared size over the cap',
    bytes: () => bundleZip(files, { extra: [{ ...deflated('documents/huge.txt', evil), size: 600 * MiB }] }),
    limits: { maxEntryBytes: undefined },
    code: 'too-much-data',
    message: 'documents/huge.txt declares 629 MB; more than 537 MB in one file is refused',
  },
  {
    name: 'a declared manifest over its cap',
    bytes: () =>
      zip([
        deflated(d1.path, d1.bytes),
        deflated(claims.path, claims.bytes),
        { ...deflated('manifest.json', utf8(JSON.stringify(good))), size: 65 * MiB },
      ]),
    code: 'too-much-data',
    message: 'manifest.json declares 68 MB; more than 67 MB in one file is refused',
  },
  {
    name: 'a declared total over the cap',
    bytes: () => bundleZip(files, { extra: ['a.bin', 'b.bin', 'c.bin'].map(fiveMiB) }),
    limits: { maxEntryBytes: 8 * MiB, maxTotalBytes: 12 * MiB },
    code: 'too-much-data',
    message: 'c.bin takes the declared total past 13 MB: refusing a possible zip bomb',
  },
  {
    name: 'a declared ratio over the cap',
    bytes: async () => bundleZip(files, { extra: [await zeros] }),
    code: 'too-much-data',
    message: '' /* set below: names the compressed size */,
  },
  // Sizes that lie, and bombs.
  {
    name: 'more bytes than the header declares',
    bytes: () => bundleOf([deflated(d1.path, d1.bytes), { ...deflated(claims.path, claims.bytes), size: 8 }], listedAs(claims.path, 8)),
    code: 'too-much-data',
    message: 'claims.json inflates past the 8 bytes its header declares: its sizes lie (a possible zip bomb)',
  },
  {
    name: 'fewer bytes than the header declares',
    bytes: () => bundleOf([deflated(d1.path, d1.bytes), { ...deflated(claims.path, claims.bytes), size: 20 }], listedAs(claims.path, 20)),
    code: 'corrupt',
    message: 'the file is damaged: claims.json holds 13 bytes, fewer than the 20 its header declares',
  },
  {
    name: 'a stored entry whose sizes disagree',
    bytes: () => bundleOf([deflated(d1.path, d1.bytes), { ...stored(claims.path, claims.bytes), size: 8 }], listedAs(claims.path, 8)),
    code: 'corrupt',
    message: 'the file is damaged: zip entry 2 is stored uncompressed, yet its header declares 8 bytes for the 13 it stores: its sizes lie',
  },
  {
    name: 'a listed bomb declaring 10 bytes (over every cap when inflated)',
    bytes: async () =>
      bundleOf(
        [deflated(d1.path, d1.bytes), deflated(claims.path, claims.bytes), { ...(await deflatedZeros('bomb.txt', 64 * MiB)), size: 10 }],
        manifestListing(files, [{ path: 'bomb.txt', size: 10, sha256: sha256('') }]),
      ),
    limits: { maxEntryBytes: 8 * MiB, maxTotalBytes: 16 * MiB },
    code: 'too-much-data',
    message: 'bomb.txt inflates past the 10 bytes its header declares: its sizes lie (a possible zip bomb)',
  },
  // Contents that do not match the manifest.
  {
    name: 'a tampered file',
    bytes: () => bundleOf([deflated(d1.path, d1.bytes), deflated(claims.path, flipped)]),
    code: 'tampered',
    message: 'claims.json was changed: its SHA-256 does not match the manifest',
  },
  {
    name: 'a listed file missing from the bundle',
    bytes: () => bundleOf([deflated(claims.path, claims.bytes)]),
    code: 'tampered',
    message: 'documents/d1.txt is listed in the manifest but missing from the bundle',
  },
  {
    name: 'a file missing from the manifest',
    bytes: () => bundleZip(files, { extra: [deflated('payload.exe', evil)] }),
    code: 'tampered',
    message: 'payload.exe is in the bundle but not listed in the manifest',
  },
  {
    name: 'a changed root hash',
    bytes: () => bundleZip(files, { manifest: { ...good, rootHash: sha256('something else') } }),
    code: 'tampered',
    message: 'the manifest was changed: its root hash does not match its file list',
  },
  {
    name: 'a manifest that fails its schema',
    bytes: () => bundleZip(files, { manifest: { ...good, creator: 'Ana\tRuiz' } }),
    code: 'not-a-bundle',
    message: 'manifest.json is not a valid manifest: creator: must not contain control characters or lone surrogates',
  },
  {
    name: 'a zip without a manifest',
    bytes: () => zip(files.map((file) => deflated(file.path, file.bytes))),
    code: 'not-a-bundle',
    message: 'work.claimbundle is not a Claimbench bundle (it has no manifest.json)',
  },
  // Damaged or not a zip.
  {
    name: 'a zip cut short',
    bytes: () => bundleZip(files).subarray(0, -10),
    code: 'corrupt',
    message: 'the file is damaged: it begins like a zip but its end is missing (is it truncated?)',
  },
  {
    name: 'a zip missing its first bytes',
    bytes: () => bundleZip(files).subarray(30),
    code: 'corrupt',
    message: 'the file is damaged: zip directory entry 1 is broken (bytes cut off or changed?)',
  },
  {
    name: 'an entry whose data runs past the end',
    bytes: () => bundleOf([deflated(d1.path, d1.bytes), { ...deflated(claims.path, claims.bytes), compressedSize: 100_000 }]),
    code: 'corrupt',
    message: 'the file is damaged: claims.json is cut off (is the file truncated?)',
  },
  {
    name: 'not a zip at all',
    bytes: () => utf8('%PDF-1.7 definitely not a zip'),
    code: 'not-a-bundle',
    message: 'work.claimbundle is not a Claimbench bundle (not a zip archive)',
  },
];

describe('openBundle', () => {
  it('opens what writeBundle writes: paths and bytes round-trip, and dispose removes the folder', () =>
    withTempDir(async (root) => {
      const target = path.join(root, 'work.claimbundle');
      const entries = [...files, { path: 'originals/big.bin', bytes: randomBytes(3 * MiB) }];
      const written = await writeBundle(target, entries, {
        appVersion: '0.1.0',
        creator: 'Ana',
        workspace: 'W',
        createdAt: '2025-03-01T12:00:00.000Z',
      });
      if (!written.ok) throw new Error(written.error.message);
      const progress: [number, number][] = [];
      const opened = await openBundle(target, { tempParent: root, onProgress: (done, total) => progress.push([done, total]) });
      if (!opened.ok) throw new Error(opened.error.message);
      const bundle = opened.value;

      expect(bundle.paths).toEqual(entries.map((entry) => entry.path));
      for (const entry of entries) expect(Buffer.from(await bundle.readFile(entry.path)).equals(entry.bytes)).toBe(true);
      expect(await bundle.readText('claims.json')).toBe('[{"id":"c1"}]');
      expect(bundle.signature).toEqual({ state: 'unsigned' });
      expect(path.dirname(bundle.dir)).toBe(root);
      expect((await snapshot(bundle.dir)).map((line) => line.split(' ')[0])).toEqual(
        ['claims.json', 'documents/', path.join('documents', 'd1.txt'), 'originals/', path.join('originals', 'big.bin')].sort(),
      );
      const total = entries.reduce((sum, entry) => sum + entry.bytes.length, 0);
      expect(progress.at(0)).toEqual([0, total]);
      expect(progress.at(-1)).toEqual([total, total]);
      // Only listed paths: not the manifest, nothing outside.
      await expect(bundle.readFile('manifest.json')).rejects.toThrow('"manifest.json" is not a file of this bundle');
      await expect(bundle.readFile('../work.claimbundle')).rejects.toThrow('is not a file of this bundle');

      await bundle.dispose();
      expect(await readdir(root)).toEqual(['work.claimbundle']);
      await bundle.dispose();
      await expect(bundle.readFile('claims.json')).rejects.toThrow('the bundle was disposed of');
    }));

  it.each(hostile)('refuses $name, leaving nothing behind', async ({ name, bytes, limits, code, message }) => {
    let expected = message;
    if (name === 'a declared ratio over the cap')
      expected = `documents/zeros.txt inflates ${formatBytes((await zeros).stored.length)} to 2.1 MB, a ratio over 400:1: refusing a possible zip bomb`;
    const { result, parentAfter, untouched } = await openIn(await bytes(), { limits });
    expect(result).toEqual({ ok: false, error: { code, message: expected } });
    expect(parentAfter).toEqual([]);
    expect(untouched).toBe(true);
  });

  it('skips the empty folder entries of a bundle zipped again with zip -r, and opens it', async () => {
    const rezipped = bundleZip(files, {
      extra: [withMode(stored('documents/', new Uint8Array()), 0o040755), stored('brat/', new Uint8Array())],
    });
    const result = await openIn(rezipped);
    expect(result.result).toMatchObject({ ok: true });
    expect(result.parentAfter).toEqual([]);
  });

  it('stops a bomb at its first chunk past the declared size, never near the size it inflates to', async () => {
    const bomb = { ...(await deflatedZeros('bomb.txt', 64 * MiB)), size: 10 };
    let most = 0;
    const { result, parentAfter } = await openIn(
      bundleOf([bomb], manifestListing([], [{ path: 'bomb.txt', size: 10, sha256: sha256('') }])),
      {
        onProgress: (done) => (most = Math.max(most, done)),
      },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'too-much-data' } });
    expect(most).toBeLessThanOrEqual(10);
    expect(parentAfter).toEqual([]);
  });

  it('stops when cancelled mid-way, and removes what it had written', async () => {
    const big = [1, 2, 3, 4].map((index) => ({ path: `originals/${index}.bin`, bytes: randomBytes(2 * MiB) }));
    const controller = new AbortController();
    let calls = 0;
    const { result, parentAfter, untouched } = await openIn(bundleZip(big), {
      signal: controller.signal,
      onProgress: (done) => {
        calls++;
        if (done > 0) controller.abort();
      },
    });
    expect(result).toEqual({ ok: false, error: { code: 'cancelled', message: 'reading the bundle was cancelled' } });
    expect(calls).toBeLessThan(5);
    expect(parentAfter).toEqual([]);
    expect(untouched).toBe(true);
  });

  it('makes nothing when cancelled before it starts, or when the file cannot be read', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await openIn(bundleZip(files), { signal: controller.signal })).toEqual({
      result: { ok: false, error: { code: 'cancelled', message: 'reading the bundle was cancelled' } },
      parentAfter: [],
      untouched: true,
    });
    await withTempDir(async (root) => {
      expect(await openBundle(path.join(root, 'missing.claimbundle'), { tempParent: root })).toMatchObject({
        ok: false,
        error: { code: 'unreadable', message: expect.stringContaining('missing.claimbundle could not be read') },
      });
      expect(await readdir(root)).toEqual([]);
    });
  });
});

describe('verifyBundle', () => {
  /** Runs `verifyBundle` on `bytes` with TMPDIR pointed at an empty folder; says whether anything anywhere under root changed. */
  async function verifyIn(bytes: Uint8Array, options: OpenBundleOptions = {}) {
    return withTempDir(async (root) => {
      await mkdir(path.join(root, 'tmp'));
      const bundle = path.join(root, 'work.claimbundle');
      await writeFile(bundle, bytes);
      const before = await snapshot(root);
      const saved = process.env.TMPDIR;
      process.env.TMPDIR = path.join(root, 'tmp');
      try {
        const result = await verifyBundle(bundle, options);
        return { result, untouched: JSON.stringify(await snapshot(root)) === JSON.stringify(before) };
      } finally {
        if (saved === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = saved;
      }
    });
  }

  it('verifies what writeBundle writes without writing a file, and reports progress over the listed bytes', () =>
    withTempDir(async (root) => {
      const bundle = path.join(root, 'out.claimbundle');
      const written = await writeBundle(bundle, files, {
        appVersion: '0.1.0',
        creator: 'Ana',
        workspace: 'Field notes',
        createdAt: '2025-03-01T12:00:00.000Z',
      });
      expect(written.ok).toBe(true);
      const progress: number[] = [];
      const { result, untouched } = await verifyIn(await readFile(bundle), { onProgress: (done) => progress.push(done) });
      expect(untouched).toBe(true);
      expect(result).toMatchObject({ ok: true, value: { signature: { state: 'unsigned' }, manifest: { workspace: 'Field notes' } } });
      if (result.ok) expect(result.value.manifest.files.map((file) => file.path).sort()).toEqual(files.map((file) => file.path).sort());
      expect(progress.at(-1)).toBe(d1.bytes.length + claims.bytes.length);
    }));

  it.each(hostile)('refuses $name as openBundle does, writing nothing', async ({ name, bytes, limits, code, message }) => {
    let expected = message;
    if (name === 'a declared ratio over the cap')
      expected = `documents/zeros.txt inflates ${formatBytes((await zeros).stored.length)} to 2.1 MB, a ratio over 400:1: refusing a possible zip bomb`;
    const { result, untouched } = await verifyIn(await bytes(), { limits });
    expect(result).toEqual({ ok: false, error: { code, message: expected } });
    expect(untouched).toBe(true);
  });

  it('stops a bomb at its first chunk past the declared size', async () => {
    const bomb = { ...(await deflatedZeros('bomb.txt', 64 * MiB)), size: 10 };
    let most = 0;
    const { result } = await verifyIn(bundleOf([bomb], manifestListing([], [{ path: 'bomb.txt', size: 10, sha256: sha256('') }])), {
      onProgress: (done) => (most = Math.max(most, done)),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'too-much-data' } });
    expect(most).toBeLessThanOrEqual(10);
  });
});

describe('loadBundle', () => {
  /** Runs `loadBundle` on `bytes` laid out as openIn does (parent/ as the temp parent); says whether anything outside parent/ changed. */
  async function loadIn(bytes: Uint8Array, options: OpenBundleOptions = {}, keep = (_path: string) => true) {
    return withTempDir(async (root) => {
      const parent = path.join(root, 'parent');
      await mkdir(parent);
      const bundle = path.join(root, 'work.claimbundle');
      await writeFile(bundle, bytes);
      const before = await snapshot(root);
      const result = await loadBundle(bundle, keep, { ...options, tempParent: parent });
      const parentDuring = await readdir(parent);
      const read = result.ok ? await Promise.all(result.value.paths.map((file) => result.value.readFile(file).catch(() => undefined))) : [];
      if (result.ok) await result.value.dispose();
      return {
        result,
        read,
        parentDuring,
        parentAfter: await readdir(parent),
        untouched: JSON.stringify(await snapshot(root)) === JSON.stringify(before),
      };
    });
  }

  it('keeps what `keep` names in memory and originals in one folder, removed by dispose; the rest is checked and dropped', async () => {
    const original = { path: 'originals/big.bin', bytes: randomBytes(3 * MiB) };
    const small = { path: 'originals/small.bin', bytes: randomBytes(1000) };
    const { result, read, parentDuring, parentAfter } = await loadIn(
      bundleZip([...files, original, small]),
      {},
      (file) => file === d1.path,
    );
    expect(result).toMatchObject({ ok: true, value: { paths: [d1.path, claims.path, original.path, small.path] } });
    expect(read.map((bytes) => bytes && Buffer.from(bytes).toString('hex'))).toEqual([
      Buffer.from(d1.bytes).toString('hex'),
      undefined,
      original.bytes.toString('hex'),
      small.bytes.toString('hex'),
    ]);
    expect(parentDuring).toHaveLength(1);
    expect(parentAfter).toEqual([]);
  });

  it('writes nothing at all for a bundle without originals', async () => {
    const { result, parentDuring } = await loadIn(bundleZip(files));
    expect(result.ok).toBe(true);
    expect(parentDuring).toEqual([]);
  });

  it.each(hostile)('refuses $name as openBundle does, leaving nothing behind', async ({ name, bytes, limits, code, message }) => {
    let expected = message;
    if (name === 'a declared ratio over the cap')
      expected = `documents/zeros.txt inflates ${formatBytes((await zeros).stored.length)} to 2.1 MB, a ratio over 400:1: refusing a possible zip bomb`;
    const { result, parentAfter, untouched } = await loadIn(await bytes(), { limits });
    expect(result).toEqual({ ok: false, error: { code, message: expected } });
    expect(parentAfter).toEqual([]);
    expect(untouched).toBe(true);
  });

  it('stops a bomb at its first chunk past the declared size, small or streamed', async () => {
    for (const declared of [10, 2 * MiB]) {
      const bomb = { ...(await deflatedZeros('bomb.txt', 64 * MiB)), size: declared };
      let most = 0;
      const { result } = await loadIn(bundleOf([bomb], manifestListing([], [{ path: 'bomb.txt', size: declared, sha256: sha256('') }])), {
        onProgress: (done) => (most = Math.max(most, done)),
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'too-much-data' } });
      expect(most).toBeLessThanOrEqual(declared);
    }
  });
});
