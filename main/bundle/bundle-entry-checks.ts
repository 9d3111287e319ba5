// The checks on a bundle's central directory before anything is read: each entry's name (strict
// UTF-8, a safe relative path, no collision), kind (plain files and folders only), and declared
// sizes (per file, in total, and the compression ratio), with our own messages. bundle-zip.ts then
// reads the entries that pass, checking the same limits again on every chunk.
import type { Entry } from 'yauzl';
import { bundlePathProblem, findCollision, pathCollisionKey } from '../../core/bundle/bundle-path.ts';
import { MANIFEST_PATH } from '../../core/bundle/manifest.ts';
import { formatBytes } from '../../core/text/format-bytes.ts';
import {
  damaged,
  MAX_MANIFEST_BYTES,
  printable,
  RATIO_CHECKED_ABOVE,
  ratioStop,
  refused,
  Stop,
  type BundleLimits,
  type Item,
} from './bundle-zip.ts';

/** The checks on every entry's name, kind and declared size, all made before anything is inflated; throws the first failure. */
export function checkDirectory(entries: readonly Entry[], fileSize: number, limits: BundleLimits): Item[] {
  const items = entries.filter((entry) => !isFolderEntry(entry)).map((entry, index) => checkEntry(entry, index, fileSize));
  const names = items.map((item) => item.name);
  const collision = findCollision(names);
  if (collision) {
    const [first, second] = collision.map(printable);
    throw new Stop(
      'unsafe-entry',
      first === second
        ? `the entry "${first}" appears twice`
        : `the entries "${first}" and "${second}" would be the same file on a case-insensitive disk`,
    );
  }
  const clash = fileFolderClash(names);
  if (clash) throw refused(clash[0], `it would be both a file and the folder of "${printable(clash[1])}"`);

  // Absolute limits first, for every entry, then the total, then the ratio heuristic.
  for (const item of items) {
    const cap = item.name === MANIFEST_PATH ? Math.min(MAX_MANIFEST_BYTES, limits.maxEntryBytes) : limits.maxEntryBytes;
    if (item.size > cap)
      throw new Stop(
        'too-much-data',
        `${printable(item.name)} declares ${formatBytes(item.size)}; more than ${formatBytes(cap)} in one file is refused`,
      );
  }
  let total = 0;
  for (const item of items) {
    total += item.size;
    if (total > limits.maxTotalBytes)
      throw new Stop(
        'too-much-data',
        `${printable(item.name)} takes the declared total past ${formatBytes(limits.maxTotalBytes)}: refusing a possible zip bomb`,
      );
  }
  for (const item of items) {
    if (item.size > RATIO_CHECKED_ABOVE && item.size > item.compressedSize * limits.maxRatio)
      throw ratioStop(item, item.size, limits.maxRatio);
  }
  return items;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function checkEntry(entry: Entry, index: number, fileSize: number): Item {
  let name: string;
  try {
    name = strictUtf8.decode(entry.fileNameRaw);
  } catch {
    const shown = printable(new TextDecoder().decode(entry.fileNameRaw));
    throw new Stop(
      'unsafe-entry',
      `zip entry ${index + 1} ("${shown}") is refused: its name is not UTF-8 (a CP437 name from an old zip tool?), and a bundle's names always are`,
    );
  }
  const kind = kindProblem(entry, name);
  if (kind) throw refused(name, kind);
  const problem = bundlePathProblem(name);
  if (problem) throw refused(name, problem);
  if (entry.isEncrypted()) throw refused(name, 'it is encrypted; a bundle never is');
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    throw refused(name, `it uses compression method ${entry.compressionMethod}; a bundle uses only 0 (stored) or 8 (deflate)`);
  if (entry.relativeOffsetOfLocalHeader + entry.compressedSize > fileSize)
    throw damaged(`${printable(name)} is cut off (is the file truncated?)`);
  return { entry, name, size: entry.uncompressedSize, compressedSize: entry.compressedSize };
}

/**
 * A folder entry as `zip -r` writes them (a bundle unzipped to look inside and zipped again has
 * them): an empty entry whose name ends in "/", a safe path, and no type but "folder" or none. It is
 * skipped: nothing is made for it (folders are made as the files in them need them). Any other
 * entry with a folder's name or type is refused by `kindProblem`.
 */
function isFolderEntry(entry: Entry): boolean {
  let name: string;
  try {
    name = strictUtf8.decode(entry.fileNameRaw);
  } catch {
    return false;
  }
  const type = (entry.externalFileAttributes >>> 16) & FILE_TYPE;
  return (
    name.endsWith('/') &&
    entry.uncompressedSize === 0 &&
    (type === 0 || type === DIRECTORY) &&
    !entry.isEncrypted() &&
    bundlePathProblem(name.slice(0, -1)) === undefined
  );
}

const FILE_TYPE = 0o170000;
const PLAIN_FILE = 0o100000;
const DIRECTORY = 0o040000;
const SYMLINK = 0o120000;
const DOS_DIRECTORY = 0x10;
const SPECIAL_FILES: Readonly<Record<number, string>> = {
  0o010000: 'a FIFO',
  0o020000: 'a character device',
  0o060000: 'a block device',
  0o140000: 'a socket',
};

/**
 * Why `entry` is not a plain file, from its name and attributes. The Unix file type (high 16 bits) is
 * read whatever system the zip says made it: our writer sets no attributes, so refusing any type
 * but "plain file" or "none given" only refuses more. A symlink would let a later entry write
 * through it out of the folder; a directory or device has no place in a bundle.
 */
function kindProblem(entry: Entry, name: string): string | undefined {
  const type = (entry.externalFileAttributes >>> 16) & FILE_TYPE;
  if (type === SYMLINK) return 'it is a symbolic link; a bundle holds only plain files';
  if (name.endsWith('/') || type === DIRECTORY || (entry.externalFileAttributes & DOS_DIRECTORY) !== 0)
    return 'it is a directory; a bundle holds only plain files';
  if (type !== 0 && type !== PLAIN_FILE) return `it is ${SPECIAL_FILES[type] ?? `of file type 0o${type.toString(8)}`}, not a plain file`;
  return undefined;
}

/** A file whose path is also the folder of another entry ("a" and "a/b"), compared as a case-insensitive disk would. */
function fileFolderClash(names: readonly string[]): readonly [string, string] | undefined {
  const files = new Map(names.map((name) => [pathCollisionKey(name), name]));
  for (const name of names) {
    const segments = name.split('/');
    for (let end = 1; end < segments.length; end++) {
      const file = files.get(pathCollisionKey(segments.slice(0, end).join('/')));
      if (file !== undefined) return [file, name];
    }
  }
  return undefined;
}
