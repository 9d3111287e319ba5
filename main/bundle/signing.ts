// Ed25519 signing of bundle manifests, one key per analyst. The private key stays in the app's
// user-data folder (PKCS#8 PEM, mode 0600); the public key travels in every manifest it signs.
// A valid signature proves the manifest is unchanged since the holder of that key signed it; whether
// that key really is the named analyst's is for the UI to judge (by its fingerprint).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  computeRootHash,
  SIGNATURE_ALGORITHM,
  signedBytes,
  type BundleManifest,
  type ManifestSignature,
  type SignatureCheck,
} from '../../core/bundle/manifest.ts';
import { fail, ok, type Result } from '../../core/result.ts';

export interface SigningKey {
  /** The analyst's name, written into each signature as `signer`. */
  readonly signer: string;
  readonly privateKey: KeyObject;
  /** Base64 of the public key's SPKI DER encoding, as manifests carry it. */
  readonly publicKey: string;
  /** Where the private key is kept. */
  readonly keyFile: string;
}

export type { SignatureCheck };

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** SHA-256 (hex) of the SPKI DER public key: a short, stable name for a key to show and compare. */
export const keyFingerprint = (publicKeyBase64: string): string => sha256Hex(Buffer.from(publicKeyBase64, 'base64'));

/**
 * The analyst's signing key from `dir`, created on first use. Each analyst name has its own file
 * (`bundle-signing-<hash of the name>.pem`), so the file name never depends on what the name holds.
 */
export async function loadOrCreateSigningKey(dir: string, analystName: string): Promise<Result<SigningKey, 'key-unavailable'>> {
  const nameHash = sha256Hex(Buffer.from(analystName.normalize('NFC'))).slice(0, 16);
  const keyFile = path.join(dir, `bundle-signing-${nameHash}.pem`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    // 'wx' never overwrites a key another process created meanwhile; that key is read below instead.
    await writeFile(keyFile, pem, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const loaded = createPrivateKey(await readFile(keyFile, 'utf8'));
    if (loaded.asymmetricKeyType !== 'ed25519')
      return fail('key-unavailable', `${keyFile} holds a ${loaded.asymmetricKeyType ?? 'unknown'} key, not an Ed25519 one`);
    // A key file copied in by hand may be readable by others; it is the analyst's alone.
    if (process.platform !== 'win32') await chmod(keyFile, 0o600);
    return ok({ signer: analystName, privateKey: loaded, publicKey: publicKeyBase64(loaded), keyFile });
  } catch (error) {
    return fail('key-unavailable', `the signing key in ${dir} could not be read or created: ${(error as Error).message}`);
  }
}

/** The public half of `privateKey`, base64 SPKI DER. */
export function publicKeyBase64(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
}

/** `manifest` with a signature by `key` (any earlier signature is replaced). */
export function signManifest(manifest: BundleManifest, key: SigningKey): BundleManifest {
  const fields = { algorithm: SIGNATURE_ALGORITHM, signer: key.signer, publicKey: key.publicKey } as const;
  const value = sign(null, signedBytes(manifest, fields), key.privateKey).toString('base64');
  const signature: ManifestSignature = { ...fields, value };
  return { ...manifest, signature };
}

/**
 * Checks the manifest's signature against the public key it names, and its root hash against its
 * file list (a signature over a root hash that does not match the files vouches for nothing).
 * The manifest must already have passed the `BundleManifest` schema.
 */
export function verifyManifest(manifest: BundleManifest): SignatureCheck {
  const signature = manifest.signature;
  if (!signature) return { state: 'unsigned' };
  if (computeRootHash(manifest.files, sha256Hex) !== manifest.rootHash)
    return { state: 'invalid', reason: 'the root hash does not match the file list' };
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: Buffer.from(signature.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return { state: 'invalid', reason: 'the public key is not a valid SPKI key' };
  }
  if (publicKey.asymmetricKeyType !== 'ed25519')
    return { state: 'invalid', reason: `the public key is ${publicKey.asymmetricKeyType ?? 'unknown'}, not Ed25519` };
  const value = Buffer.from(signature.value, 'base64');
  let matches: boolean;
  try {
    matches = value.length === 64 && verify(null, signedBytes(manifest, signature), publicKey, value);
  } catch {
    matches = false;
  }
  if (!matches) return { state: 'invalid', reason: `the signature does not match the manifest and the key of ${signature.signer}` };
  return { state: 'valid', signer: signature.signer, publicKey: signature.publicKey, fingerprint: keyFingerprint(signature.publicKey) };
}
