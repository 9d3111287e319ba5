// Members' passwords: argon2id with Node's own crypto, stored as a PHC string
// ($argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>, base64 without padding), the format other argon2
// libraries read. The parameters are OWASP's first recommendation for argon2id (19 MiB, 2 passes,
// 1 lane), about 0.1 s on this machine, computed on libuv's thread pool so the server keeps answering.
// A password is never logged nor kept: only its hash leaves these functions.
import { argon2, randomBytes, timingSafeEqual, type Argon2Parameters } from 'node:crypto';

export const PASSWORD_PARAMETERS = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32, saltLength: 16 } as const;

/** The shortest password a member may choose (one we generate is longer). */
export const PASSWORD_MIN_LENGTH = 12;
/** Longer inputs are refused before hashing (argon2 takes any length; a 1 MB "password" is an attack). */
export const PASSWORD_MAX_LENGTH = 1024;

/** The most memory a stored hash may ask for (KiB): a damaged or planted row must not exhaust the server. */
const MEMORY_LIMIT = 1 << 20;
const PASSES_LIMIT = 16;
const PARALLELISM_LIMIT = 16;

interface PhcHash {
  readonly memory: number;
  readonly passes: number;
  readonly parallelism: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function derive(password: string, salt: Buffer, { memory, passes, parallelism }: PhcHash | typeof PASSWORD_PARAMETERS, tagLength: number) {
  const parameters: Argon2Parameters = { message: password, nonce: salt, memory, passes, parallelism, tagLength };
  return new Promise<Buffer>((resolve, reject) => argon2('argon2id', parameters, (error, key) => (error ? reject(error) : resolve(key))));
}

const B64 = /^[A-Za-z0-9+/]+$/;

/** Reads a PHC argon2id string; undefined when it is not one we can check. */
function parsePhc(stored: string): PhcHash | undefined {
  const match = /^\$argon2id\$v=19\$m=(\d{1,8}),t=(\d{1,3}),p=(\d{1,3})\$([^$]+)\$([^$]+)$/.exec(stored);
  if (match === null) return undefined;
  const [memory, passes, parallelism] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [salt, hash] = [match[4]!, match[5]!];
  if (!B64.test(salt) || !B64.test(hash)) return undefined;
  const parsed = { memory, passes, parallelism, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
  const sane =
    parallelism >= 1 &&
    parallelism <= PARALLELISM_LIMIT &&
    passes >= 1 &&
    passes <= PASSES_LIMIT &&
    memory >= 8 * parallelism &&
    memory <= MEMORY_LIMIT &&
    parsed.salt.length >= 8 &&
    parsed.hash.length >= 16 &&
    parsed.hash.length <= 64;
  return sane ? parsed : undefined;
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

/** The PHC string of `password` with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const p = PASSWORD_PARAMETERS;
  const salt = randomBytes(p.saltLength);
  const hash = await derive(password, salt, p, p.tagLength);
  return `$argon2id$v=19$m=${p.memory},t=${p.passes},p=${p.parallelism}$${b64(salt)}$${b64(hash)}`;
}

/**
 * Whether `password` is the one `stored` was made from. The comparison takes the same time wherever
 * the bytes differ (timingSafeEqual); a string that is not a PHC argon2id hash matches nothing.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePhc(stored);
  if (parsed === undefined || password.length > PASSWORD_MAX_LENGTH) return false;
  const computed = await derive(password, parsed.salt, parsed, parsed.hash.length);
  return timingSafeEqual(computed, parsed.hash);
}

/** Whether `stored` was made with other parameters than today's (rehash it at the next good login). */
export function needsRehash(stored: string): boolean {
  const parsed = parsePhc(stored);
  const p = PASSWORD_PARAMETERS;
  return (
    parsed === undefined ||
    parsed.memory !== p.memory ||
    parsed.passes !== p.passes ||
    parsed.parallelism !== p.parallelism ||
    parsed.salt.length !== p.saltLength ||
    parsed.hash.length !== p.tagLength
  );
}

/** A password to hand out once (`claimbench team user add` prints it): 120 random bits, in 20 characters. */
export function oneTimePassword(): string {
  return randomBytes(15).toString('base64url');
}

/** Why a chosen password is refused, or undefined. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `A password has at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `A password has at most ${PASSWORD_MAX_LENGTH} characters.`;
  return undefined;
}

/**
 * A hash to verify against when the member does not exist, so that a login for an unknown name
 * takes as long as one for a known name with a wrong password.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('base64url'));
  return decoy;
}
