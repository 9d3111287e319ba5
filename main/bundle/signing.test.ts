import { generateKeyPairSync, verify } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { manifestFor, rootHashOf, utf8 } from '../../tests/support/bundle-builder.ts';
import { BundleManifest } from '../../core/bundle/manifest.ts';
import { keyFingerprint, loadOrCreateSigningKey, publicKeyBase64, signManifest, verifyManifest, type SigningKey } from './signing.ts';

const manifest = BundleManifest.parse(manifestFor([{ path: 'claims.json', bytes: utf8('[]') }]));

function keyFor(signer: string): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { signer, privateKey, publicKey: publicKeyBase64(privateKey), keyFile: '' };
}

describe('loadOrCreateSigningKey', () => {
  it('creates a PKCS#8 key readable only by its owner, and loads the same key next time', () =>
    withTempDir(async (dir) => {
      const folder = path.join(dir, 'keys');
      const created = await loadOrCreateSigningKey(folder, 'Ana Ruiz');
      if (!created.ok) throw new Error(created.error.message);
      expect(path.dirname(created.value.keyFile)).toBe(folder);
      expect((await stat(created.value.keyFile)).mode & 0o777).toBe(0o600);
      const again = await loadOrCreateSigningKey(folder, 'Ana Ruiz');
      expect(again.ok && again.value.publicKey).toBe(created.value.publicKey);
      // 12 bytes of SPKI header for Ed25519, then the 32-byte key.
      expect(Buffer.from(created.value.publicKey, 'base64')).toHaveLength(44);
      const other = await loadOrCreateSigningKey(folder, 'Ben');
      expect(other.ok && other.value.publicKey).not.toBe(created.value.publicKey);
    }));

  it('refuses a key file that holds something else', () =>
    withTempDir(async (dir) => {
      const first = await loadOrCreateSigningKey(dir, 'Ana');
      if (!first.ok) throw new Error(first.error.message);
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
      await writeFile(first.value.keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
      expect(await loadOrCreateSigningKey(dir, 'Ana')).toMatchObject({
        ok: false,
        error: { code: 'key-unavailable', message: expect.stringContaining('rsa key') },
      });
      await writeFile(first.value.keyFile, 'not a key');
      expect(await loadOrCreateSigningKey(dir, 'Ana')).toMatchObject({ ok: false, error: { code: 'key-unavailable' } });
    }));
});

describe('signManifest / verifyManifest', () => {
  const key = keyFor('Ana Ruiz');
  const signed = signManifest(manifest, key);

  it('signs the documented bytes, checkable without our code', () => {
    expect(BundleManifest.safeParse(signed).success).toBe(true);
    const text =
      `claimbundle-signature-v1\nbundleFormat\t1\nappVersion\t${manifest.appVersion}\ncreator\t${manifest.creator}\ncreatedAt\t${manifest.createdAt}\n` +
      `workspace\t${manifest.workspace}\nrootHash\t${manifest.rootHash}\nalgorithm\tEd25519\nsigner\tAna Ruiz\npublicKey\t${key.publicKey}\n`;
    expect(verify(null, Buffer.from(text), key.privateKey, Buffer.from(signed.signature!.value, 'base64'))).toBe(true);
  });

  it('says who signed a valid manifest', () => {
    expect(verifyManifest(signed)).toEqual({
      state: 'valid',
      signer: 'Ana Ruiz',
      publicKey: key.publicKey,
      fingerprint: keyFingerprint(key.publicKey),
    });
  });

  it('says unsigned for a manifest without a signature', () => {
    expect(verifyManifest(manifest)).toEqual({ state: 'unsigned' });
  });

  const otherFiles = [{ path: 'claims.json', size: 3, sha256: 'c'.repeat(64) }];
  it.each([
    ['a changed creator', { ...signed, creator: 'Mallory' }, 'does not match'],
    ['a changed workspace', { ...signed, workspace: 'Other' }, 'does not match'],
    ['a changed signer name', { ...signed, signature: { ...signed.signature!, signer: 'Ben' } }, 'does not match'],
    ['another key put in', { ...signed, signature: { ...signed.signature!, publicKey: keyFor('x').publicKey } }, 'does not match'],
    [
      'a signature by another key',
      {
        ...signManifest(manifest, keyFor('Mallory')),
        signature: { ...signManifest(manifest, keyFor('Mallory')).signature!, publicKey: key.publicKey, signer: 'Ana Ruiz' },
      },
      'does not match',
    ],
    ['files changed with a new root hash', { ...signed, files: otherFiles, rootHash: rootHashOf(otherFiles) }, 'does not match'],
    ['files changed, root hash kept', { ...signed, files: otherFiles }, 'the root hash does not match the file list'],
    ['a public key that is not a key', { ...signed, signature: { ...signed.signature!, publicKey: 'AAAAAAAA' } }, 'not a valid SPKI key'],
    [
      'a truncated signature',
      { ...signed, signature: { ...signed.signature!, value: signed.signature!.value.slice(0, 44) } },
      'does not match',
    ],
  ])('says invalid for %s', (_name, tampered, reason) => {
    expect(verifyManifest(tampered)).toEqual({ state: 'invalid', reason: expect.stringContaining(reason) });
  });
});
