// Hand-made .claimbundle archives for hostile-bundle tests: a correct manifest is computed here
// independently of core/bundle (own sorting, own hashing), then a test breaks exactly one thing.
import { createHash } from 'node:crypto';
import { deflated, zip, type Part } from './zip-writer.ts';

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
export const utf8 = (text: string) => new TextEncoder().encode(text);

export interface BuiltFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** The documented root hash, computed from scratch: `path\tsize\tsha256\n` lines in UTF-8 byte order. */
export function rootHashOf(files: readonly { path: string; size: number; sha256: string }[]): string {
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  return sha256(sorted.map((file) => `${file.path}\t${file.size}\t${file.sha256}\n`).join(''));
}

/** A valid manifest object for `files`; `edit` may change anything before it is serialised. */
export function manifestFor(
  files: readonly BuiltFile[],
): Record<string, unknown> & { files: { path: string; size: number; sha256: string }[] } {
  const listed = files.map((file) => ({ path: file.path, size: file.bytes.length, sha256: sha256(file.bytes) }));
  return {
    bundleFormat: 1,
    appVersion: '0.1.0',
    creator: 'Test Analyst',
    createdAt: '2025-03-01T12:00:00.000Z',
    workspace: 'Test workspace',
    files: listed,
    rootHash: rootHashOf(listed),
  };
}

/** The correct manifest for `files`, listing `extra` lines too (an entry added with `extra`, a size a lying header declares). */
export function manifestListing(
  files: readonly BuiltFile[],
  extra: readonly { path: string; size: number; sha256: string }[],
): ReturnType<typeof manifestFor> {
  const manifest = manifestFor(files);
  const listed = [...manifest.files, ...extra];
  return { ...manifest, files: listed, rootHash: rootHashOf(listed) };
}

/** A zip of `files` plus manifest.json (from `manifest`, or the correct one); `extra` parts go in as they are. */
export function bundleZip(
  files: readonly BuiltFile[],
  options: { manifest?: unknown; manifestBytes?: Uint8Array; extra?: readonly Part[] } = {},
): Uint8Array {
  const manifestBytes = options.manifestBytes ?? utf8(JSON.stringify(options.manifest ?? manifestFor(files)));
  return zip([...files.map((file) => deflated(file.path, file.bytes)), ...(options.extra ?? []), deflated('manifest.json', manifestBytes)]);
}
