// The secrets a member presents: session tokens (in a cookie) and personal access tokens (in an
// `Authorization: Bearer` header). Each is 32 random bytes, shown once; the database keeps only its
// SHA-256 digest, so a copy of the database lets no one in. A presented token is found by its digest
// with an index lookup: the time that takes depends on the digest, which an attacker cannot steer
// towards a stored one, so it tells them nothing about any token (the usual argument for storing
// and looking up digests of high-entropy tokens rather than comparing secrets byte by byte).
import { createHash, randomBytes } from 'node:crypto';

/** What a personal access token starts with, so secret scanners and people recognise one. */
export const ACCESS_TOKEN_PREFIX = 'cbpat_';

/** Longer strings are not tokens of ours (and are not hashed). */
const TOKEN_MAX_LENGTH = 200;

export function secretDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A new secret (`prefix` + 32 random bytes in base64url) and its digest. */
export function newSecret(prefix = ''): { readonly token: string; readonly digest: Buffer } {
  const token = prefix + randomBytes(32).toString('base64url');
  return { token, digest: secretDigest(token) };
}

/** The digest to look a presented token up by, or undefined when it cannot be one of ours. */
export function presentedDigest(token: string, prefix = ''): Buffer | undefined {
  if (token.length > TOKEN_MAX_LENGTH || !token.startsWith(prefix)) return undefined;
  return secretDigest(token);
}
