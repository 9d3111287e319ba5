// The manifest of a .claimbundle (a zip): what the bundle holds, a root hash over that list, and
// optionally an Ed25519 signature. Pure: hashing and signing are done by the caller (main/bundle/).
//
// Canonical definitions, so that any tool can check a bundle:
//
// ROOT HASH. `rootHash` is the lowercase hex SHA-256 of the canonical file list: for every entry of
// `files`, the line `<path>\t<size>\t<sha256>\n` (path as listed, size in decimal ASCII without
// leading zeros, sha256 in lowercase hex), the lines sorted by path in UTF-8 byte order (which is
// code point order; `LC_ALL=C sort`), concatenated and encoded as UTF-8. An empty bundle hashes the
// empty string. `manifest.json` itself is never listed.
//
// SIGNED BYTES. The Ed25519 signature (`signature.value`, base64 of the 64-byte signature) is over
// the UTF-8 bytes of these ten lines, each ending in "\n", fields separated by one tab:
//
//   claimbundle-signature-v1
//   bundleFormat\t1
//   appVersion\t<appVersion>
//   creator\t<creator>
//   createdAt\t<createdAt>
//   workspace\t<workspace>
//   rootHash\t<rootHash>
//   algorithm\tEd25519
//   signer\t<signature.signer>
//   publicKey\t<signature.publicKey>
//
// These are all the manifest's fields but `files`, which the root hash covers, and the signature
// value. The schema forbids control characters (so tabs and newlines) and lone surrogates in every
// one of them, so the text is unambiguous. `publicKey` is the base64 of the key's SPKI DER encoding
// (44 bytes for Ed25519, as `openssl pkey -pubout -outform DER` writes it).
import { z } from 'zod';
import { Sha256 } from '../model/document.ts';
import { bundlePathProblem, findCollision, pathCollisionKey } from './bundle-path.ts';
import { compareUtf8, hasLoneSurrogate, utf8 } from './utf8.ts';

export const BUNDLE_FORMAT = 1;
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_ALGORITHM = 'Ed25519';

/** One line of header text: no control characters (so no tab or newline), no lone surrogates. */
const HeaderText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((text) => !/\p{Cc}/u.test(text) && !hasLoneSurrogate(text), 'must not contain control characters or lone surrogates');

const Base64 = (max: number) =>
  z
    .string()
    .min(4)
    .max(max)
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'must be base64');

export const BundlePath = z.string().superRefine((path, context) => {
  const problem = bundlePathProblem(path);
  if (problem) context.addIssue({ code: 'custom', message: `unsafe path: ${problem}` });
});

export const ManifestFile = z.strictObject({
  path: BundlePath,
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sha256: Sha256,
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const ManifestSignature = z.strictObject({
  algorithm: z.literal(SIGNATURE_ALGORITHM),
  /** Base64 of the public key's SPKI DER encoding. */
  publicKey: Base64(200),
  /** The analyst's name, as the signer chose to give it. */
  signer: HeaderText(200),
  /** Base64 of the 64-byte Ed25519 signature over `signedBytes(manifest)`. */
  value: Base64(200),
});
export type ManifestSignature = z.infer<typeof ManifestSignature>;

/** What the caller of an export says about it; the rest of the manifest is computed. */
export const BundleHeader = z.strictObject({
  appVersion: HeaderText(64),
  creator: HeaderText(200),
  createdAt: z.iso.datetime(),
  workspace: HeaderText(200),
});
export type BundleHeader = z.infer<typeof BundleHeader>;

export const BundleManifest = z
  .strictObject({
    bundleFormat: z.literal(BUNDLE_FORMAT),
    ...BundleHeader.shape,
    files: z.array(ManifestFile),
    rootHash: Sha256,
    signature: ManifestSignature.optional(),
  })
  .superRefine((manifest, context) => {
    const collision = findCollision(manifest.files.map((file) => file.path));
    if (collision) {
      const [first, second] = collision;
      const what =
        first === second ? `"${first}" is listed twice` : `"${first}" and "${second}" are the same file on a case-insensitive disk`;
      context.addIssue({ code: 'custom', path: ['files'], message: what });
    }
    const self = manifest.files.findIndex((file) => pathCollisionKey(file.path) === MANIFEST_PATH);
    if (self >= 0) context.addIssue({ code: 'custom', path: ['files', self, 'path'], message: `${MANIFEST_PATH} must not list itself` });
  });
export type BundleManifest = z.infer<typeof BundleManifest>;

/** What a manifest's signature says; the UI phrases it ("signed by Ana, valid" / "signature invalid"). */
export type SignatureCheck =
  | { readonly state: 'unsigned' }
  | { readonly state: 'valid'; readonly signer: string; readonly publicKey: string; readonly fingerprint: string }
  | { readonly state: 'invalid'; readonly reason: string };

/**
 * Whether the analyst has met a valid signature's key before (main/bundle/known-signers.ts): under
 * that name (`known`), not at all (`new`), that name with another key (`other-key`), or this key
 * under other names (`other-name`).
 */
export type SignerStanding =
  | { readonly state: 'known'; readonly firstSeen: string }
  | { readonly state: 'new' }
  | { readonly state: 'other-key'; readonly firstSeen: string }
  | { readonly state: 'other-name'; readonly names: readonly string[] };

/** A manifest's signature fields before the value is known. */
export type SignatureFields = Omit<ManifestSignature, 'value'>;

/**
 * The canonical file list whose SHA-256 is the root hash (see the module comment).
 * @example canonicalFileList([{ path: 'b', size: 1, sha256: H }, { path: 'a', size: 0, sha256: G }])
 *   // the UTF-8 bytes of `a\t0\t${G}\nb\t1\t${H}\n`
 */
export function canonicalFileList(files: readonly ManifestFile[]): Uint8Array {
  const sorted = [...files].sort((a, b) => compareUtf8(a.path, b.path));
  return utf8(sorted.map((file) => `${file.path}\t${file.size}\t${file.sha256}\n`).join(''));
}

/** The root hash of `files`, given a function that returns the lowercase hex SHA-256 of bytes. */
export function computeRootHash(files: readonly ManifestFile[], sha256Hex: (bytes: Uint8Array) => string): string {
  return sha256Hex(canonicalFileList(files));
}

/**
 * The bytes an Ed25519 signature covers (see the module comment): the header, the root hash and
 * the signature's own algorithm, signer and public key; never `signature.value`.
 */
export function signedBytes(manifest: Omit<BundleManifest, 'files' | 'signature'>, signature: SignatureFields): Uint8Array {
  const lines: [string, string | number][] = [
    ['bundleFormat', manifest.bundleFormat],
    ['appVersion', manifest.appVersion],
    ['creator', manifest.creator],
    ['createdAt', manifest.createdAt],
    ['workspace', manifest.workspace],
    ['rootHash', manifest.rootHash],
    ['algorithm', signature.algorithm],
    ['signer', signature.signer],
    ['publicKey', signature.publicKey],
  ];
  return utf8(['claimbundle-signature-v1\n', ...lines.map(([key, value]) => `${key}\t${value}\n`)].join(''));
}
