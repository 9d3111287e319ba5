// Which signing keys this analyst has met, by the name they signed with: trust on first use, as
// SSH does with host keys. A valid signature only shows that a bundle is unchanged since some key
// signed it; whether that key is Ana's, the analyst learns by comparing its fingerprint with Ana
// once. After that, this record tells them when a bundle signed "Ana" comes with another key.
// Kept in the per-user keys folder (keys/known-signers.json), beside the analyst's own key.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SignerStanding } from '../../core/bundle/manifest.ts';
import { writeDurably } from '../store/durable-file.ts';

export const KNOWN_SIGNERS_FILE = 'known-signers.json';

const KnownSigners = z.object({
  keys: z.array(z.object({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/), signer: z.string().max(200), firstSeen: z.iso.datetime() })),
});
type KnownSigners = z.infer<typeof KnownSigners>;

export type { SignerStanding };

async function read(dir: string): Promise<KnownSigners> {
  const text = await readFile(path.join(dir, KNOWN_SIGNERS_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return { keys: [] };
  try {
    const parsed = KnownSigners.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { keys: [] };
  } catch {
    return { keys: [] };
  }
}

/** How `fingerprint`, signing as `signer`, stands with what this analyst has met. */
export async function signerStanding(dir: string, signer: string, fingerprint: string): Promise<SignerStanding> {
  const { keys } = await read(dir);
  const same = keys.find((key) => key.fingerprint === fingerprint && key.signer === signer);
  if (same) return { state: 'known', firstSeen: same.firstSeen };
  const names = keys.filter((key) => key.fingerprint === fingerprint).map((key) => key.signer);
  if (names.length > 0) return { state: 'other-name', names };
  const earlier = keys.find((key) => key.signer === signer);
  if (earlier) return { state: 'other-key', firstSeen: earlier.firstSeen };
  return { state: 'new' };
}

/** Records that `fingerprint` signed as `signer` (after the analyst imported what it signed). */
export async function rememberSigner(dir: string, signer: string, fingerprint: string, now = new Date()): Promise<void> {
  const record = await read(dir);
  if (record.keys.some((key) => key.fingerprint === fingerprint && key.signer === signer)) return;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const next: KnownSigners = { keys: [...record.keys, { fingerprint, signer, firstSeen: now.toISOString() }] };
  await writeDurably(path.join(dir, KNOWN_SIGNERS_FILE), `${JSON.stringify(next, null, 2)}\n`);
}
