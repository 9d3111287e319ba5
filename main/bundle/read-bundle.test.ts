import { generateKeyPairSync } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleZip, manifestFor, manifestListing, rootHashOf, sha256, utf8, type BuiltFile } from '../../tests/support/bundle-builder.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { deflated, deflatedZeros, stored, zip } from '../../tests/support/zip-writer.ts';
import { BundleManifest } from '../../core/bundle/manifest.ts';
import { readBundle } from './read-bundle.ts';
import { publicKeyBase64, signManifest } from './signing.ts';
import { writeBundle } from './write-bundle.ts';

const MiB = 1024 * 1024;
const files: BuiltFile[] = [
  { path: 'documents/d1.txt', bytes: utf8('The minister said 40% of voters…') },
  { path: 'claims.json', bytes: utf8('[{"id":"c1"}]') },
];
const good = manifestFor(files);
const flip = (bytes: Uint8Array, at: number, mask = 1) => bytes.map((byte, index) => (index === at ? byte ^ mask : byte));
const withFile = (path: string, bytes: Uint8Array) => ({ path, size: bytes.length, sha256: sha256(bytes) });

describe('readBundle', () => {
  it('accepts a hand-built bundle (so each case below fails for its own reason)', async () => {
    const read = await readBundle(bundleZip(files));
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.manifest).toEqual(good);
    expect(new TextDecoder().decode(read.value.files.get('claims.json'))).toBe('[{"id":"c1"}]');
  });

  const evil = utf8('evil');
  const listedEvil = (name: string) => {
    const listed = [...good.files, withFile(name, evil)];
    return { ...good, files: listed, rootHash: rootHashOf(listed) };
  };
  it.each([
    [
      'path traversal',
      bundleZip(files, { extra: [deflated('../evil.txt', evil)] }),
      'unsafe-entry',
      'the entry "../evil.txt" is refused: it has a ".." segment',
    ],
    [
      'deep path traversal',
      bundleZip(files, { extra: [deflated('documents/../../evil.txt', evil)] }),
      'unsafe-entry',
      'the entry "documents/../../evil.txt" is refused: it has a ".." segment',
    ],
    [
      'an absolute path',
      bundleZip(files, { extra: [deflated('/etc/cron.d/evil', evil)] }),
      'unsafe-entry',
      'the entry "/etc/cron.d/evil" is refused: it is absolute',
    ],
    [
      'a drive letter',
      bundleZip(files, { extra: [deflated('C:/Windows/evil.dll', evil)] }),
      'unsafe-entry',
      'the entry "C:/Windows/evil.dll" is refused: it starts with a drive letter',
    ],
    [
      'a backslash name',
      bundleZip(files, { extra: [deflated('..\\evil.txt', evil)] }),
      'unsafe-entry',
      'the entry "..\\evil.txt" is refused: it contains a backslash',
    ],
    [
      'a NUL in a name',
      bundleZip(files, { extra: [deflated('evil.txt\0.json', evil)] }),
      'unsafe-entry',
      'the entry "evil.txt\\u0000.json" is refused: it contains a control character',
    ],
    [
      'a directory entry with data',
      bundleZip(files, { extra: [stored('documents/', new Uint8Array([1]))] }),
      'unsafe-entry',
      'the entry "documents/" is refused: it is a directory; a bundle holds only plain files',
    ],
    [
      'a duplicate name',
      bundleZip(files, { extra: [deflated('claims.json', evil)] }),
      'unsafe-entry',
      'the entry "claims.json" appears twice',
    ],
    [
      'names equal but for case',
      bundleZip(files, { manifest: listedEvil('Claims.JSON'), extra: [deflated('Claims.JSON', evil)] }),
      'unsafe-entry',
      'the entries "claims.json" and "Claims.JSON" would be the same file on a case-insensitive disk',
    ],
    [
      'names equal after NFC',
      bundleZip(files, { extra: [deflated('café', evil), deflated('cafe\u0301', evil)] }),
      'unsafe-entry',
      'the entry "cafe\u0301" is refused: it is not in Unicode NFC',
    ],
    [
      'a second manifest',
      bundleZip(files, { extra: [deflated('MANIFEST.json', evil)] }),
      'unsafe-entry',
      'the entries "MANIFEST.json" and "manifest.json" would be the same file on a case-insensitive disk',
    ],
    [
      'an unlisted extra file',
      bundleZip(files, { extra: [deflated('payload.exe', evil)] }),
      'tampered',
      'payload.exe is in the bundle but not listed in the manifest',
    ],
    [
      'a listed file that is missing',
      bundleZip(files.slice(1), { manifest: good }),
      'tampered',
      'documents/d1.txt is listed in the manifest but missing from the bundle',
    ],
    [
      'a changed byte, same size',
      bundleZip([{ ...files[0]!, bytes: flip(files[0]!.bytes, 4) }, files[1]!], { manifest: good }),
      'tampered',
      'documents/d1.txt was changed: its SHA-256 does not match the manifest',
    ],
    [
      'a file of another size',
      bundleZip([files[0]!, { ...files[1]!, bytes: utf8('[]') }], { manifest: good }),
      'tampered',
      'claims.json was changed: it has 2 bytes, the manifest says 13',
    ],
    [
      'a wrong root hash',
      bundleZip(files, { manifest: { ...good, rootHash: sha256('something else') } }),
      'tampered',
      'the manifest was changed: its root hash does not match its file list',
    ],
    [
      'a re-listed file with the old root hash',
      bundleZip([files[0]!, { ...files[1]!, bytes: evil }], {
        manifest: { ...good, files: [good.files[0], withFile('claims.json', evil)] },
      }),
      'tampered',
      'the manifest was changed: its root hash does not match its file list',
    ],
    [
      'a manifest that is not JSON',
      bundleZip(files, { manifestBytes: utf8('{"bundleFormat": 1,') }),
      'not-a-bundle',
      'manifest.json is not valid UTF-8 JSON',
    ],
    [
      'a manifest that is not UTF-8',
      bundleZip(files, { manifestBytes: new Uint8Array([0x7b, 0xff, 0x7d]) }),
      'not-a-bundle',
      'manifest.json is not valid UTF-8 JSON',
    ],
    [
      'a manifest of the wrong shape',
      bundleZip(files, { manifest: { ...good, files: 'all of them' } }),
      'not-a-bundle',
      'manifest.json is not a valid manifest: files: Invalid input: expected array, received string',
    ],
    [
      'a manifest listing an unsafe path',
      bundleZip(files, { manifest: listedEvil('../evil.txt') }),
      'not-a-bundle',
      'manifest.json is not a valid manifest: files.2.path: unsafe path: it has a ".." segment',
    ],
    [
      'a manifest from the future',
      bundleZip(files, { manifest: { ...good, bundleFormat: 2 } }),
      'not-a-bundle',
      'the bundle has format 2, newer than this version of Claimbench reads (1)',
    ],
    [
      'a zip without a manifest',
      zip(files.map((file) => deflated(file.path, file.bytes))),
      'not-a-bundle',
      'the bundle is not a Claimbench bundle (it has no manifest.json)',
    ],
    [
      'not a zip at all',
      utf8('%PDF-1.7 definitely not a zip'),
      'not-a-bundle',
      'the bundle is not a Claimbench bundle (not a zip archive)',
    ],
    ['an empty file', new Uint8Array(), 'not-a-bundle', 'the bundle is not a Claimbench bundle (not a zip archive)'],
    [
      'a truncated zip',
      bundleZip(files).subarray(30),
      'corrupt',
      'the file is damaged: zip directory entry 1 is broken (bytes cut off or changed?)',
    ],
    // Listed, or it would be refused as unlisted before anything is inflated.
    [
      'an entry that does not inflate',
      bundleZip(files, {
        manifest: manifestListing(files, [withFile('junk.bin', new Uint8Array(4))]),
        extra: [{ ...stored('junk.bin', new Uint8Array([0xff, 0xff, 0xff, 0xff])), method: 8 }],
      }),
      'corrupt',
      'the file is damaged: junk.bin does not inflate (invalid block type)',
    ],
  ])('refuses %s', async (_name, bytes, code, message) => {
    expect(await readBundle(bytes)).toEqual({ ok: false, error: { code, message } });
  });

  it('refuses a zip bomb before inflating it, even when its headers lie about the size', async () => {
    const bomb = await deflatedZeros('documents/bomb.txt', 64 * MiB);
    const lying = { ...bomb, size: 10 };
    const limits = { maxEntryBytes: 8 * MiB, maxTotalBytes: 32 * MiB };
    const refused = async (part: typeof bomb, manifest: unknown = good) =>
      readBundle(bundleZip(files, { manifest, extra: [part] }), { limits });
    expect(await refused(bomb)).toEqual({
      ok: false,
      error: { code: 'too-much-data', message: 'documents/bomb.txt declares 67 MB; more than 8.4 MB in one file is refused' },
    });
    // Unlisted, it is refused before it is inflated at all; listed, as soon as it inflates past what its header says.
    expect(await refused(lying)).toEqual({
      ok: false,
      error: { code: 'tampered', message: 'documents/bomb.txt is in the bundle but not listed in the manifest' },
    });
    expect(await refused(lying, manifestListing(files, [{ path: 'documents/bomb.txt', size: 10, sha256: sha256('') }]))).toEqual({
      ok: false,
      error: {
        code: 'too-much-data',
        message: 'documents/bomb.txt inflates past the 10 bytes its header declares: its sizes lie (a possible zip bomb)',
      },
    });
  });

  it('refuses entries that pass one by one but not together, and too many entries', async () => {
    const parts = await Promise.all(['a', 'b', 'c'].map((name) => deflatedZeros(`${name}.bin`, 5 * MiB)));
    expect(await readBundle(bundleZip(files, { extra: parts }), { limits: { maxEntryBytes: 8 * MiB, maxTotalBytes: 12 * MiB } })).toEqual({
      ok: false,
      error: { code: 'too-much-data', message: 'c.bin takes the declared total past 13 MB: refusing a possible zip bomb' },
    });
    expect(await readBundle(bundleZip(files), { limits: { maxEntries: 2 } })).toEqual({
      ok: false,
      error: { code: 'too-much-data', message: 'the archive lists 3 entries; more than 2 is refused' },
    });
  });

  it('reports a signature that no longer matches a re-hashed manifest as invalid, not the bundle as broken', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const key = { signer: 'Ana Ruiz', privateKey, publicKey: publicKeyBase64(privateKey), keyFile: '' };
    const signed = signManifest(BundleManifest.parse(good), key);
    expect((await readBundle(bundleZip(files, { manifest: signed }))).ok && 'valid').toBe('valid');
    // Someone swaps a file and fixes every hash: only the signature can tell.
    const swapped = [files[0]!, { ...files[1]!, bytes: evil }];
    const listed = [good.files[0]!, withFile('claims.json', evil)];
    const read = await readBundle(bundleZip(swapped, { manifest: { ...signed, files: listed, rootHash: rootHashOf(listed) } }));
    expect(read.ok && read.value.signature).toEqual({
      state: 'invalid',
      reason: 'the signature does not match the manifest and the key of Ana Ruiz',
    });
    const renamed = await readBundle(bundleZip(files, { manifest: { ...signed, creator: 'Mallory' } }));
    expect(renamed.ok && renamed.value.signature).toMatchObject({ state: 'invalid' });
  });

  it('reads from a path, and says when the file cannot be read', () =>
    withTempDir(async (dir) => {
      const target = path.join(dir, 'work.claimbundle');
      await writeBundle(target, files, { appVersion: '0.1.0', creator: 'Ana', workspace: 'W', createdAt: '2025-03-01T12:00:00.000Z' });
      expect((await readBundle(target)).ok).toBe(true);
      expect(await readBundle(path.join(dir, 'missing.claimbundle'))).toMatchObject({
        ok: false,
        error: { code: 'unreadable', message: expect.stringContaining('missing.claimbundle could not be read') },
      });
      expect(await readBundle(target, { limits: { maxTotalBytes: 10, maxEntryBytes: 10 } })).toMatchObject({
        ok: false,
        error: { code: 'too-much-data' },
      });
    }));

  it('leaves no temporary file or folder behind when reading bytes, whether they pass or not', () =>
    withTempDir(async (dir) => {
      expect((await readBundle(bundleZip(files), { tempParent: dir })).ok).toBe(true);
      expect((await readBundle(bundleZip(files, { extra: [deflated('../evil.txt', evil)] }), { tempParent: dir })).ok).toBe(false);
      expect(
        (
          await readBundle(bundleZip([{ ...files[0]!, bytes: flip(files[0]!.bytes, 4) }, files[1]!], { manifest: good }), {
            tempParent: dir,
          })
        ).ok,
      ).toBe(false);
      expect(await readdir(dir)).toEqual([]);
    }));

  it('never throws on damaged bytes anywhere in a bundle', async () => {
    const bytes = bundleZip(files);
    const codes = new Set<string>();
    for (let at = 0; at < bytes.length; at++) {
      const read = await readBundle(flip(bytes, at, 0x81));
      codes.add(read.ok ? 'ok' : read.error.code);
    }
    expect([...codes].sort()).toEqual(expect.arrayContaining(['corrupt', 'not-a-bundle', 'tampered']));
  });
});
