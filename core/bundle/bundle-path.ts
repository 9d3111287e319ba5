// The rules for a file's path inside a bundle. They are checked twice: on the names the zip itself
// declares (before anything is inflated) and on the paths the manifest lists, so a bundle can never
// name a file that would land outside the folder it is extracted to, on any operating system.
import { hasLoneSurrogate } from './utf8.ts';

export const MAX_BUNDLE_PATH_LENGTH = 512;

/** Names Windows reserves in every folder, with or without an extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/**
 * Why `path` is not a safe bundle path, or undefined if it is. A safe path is relative,
 * `/`-separated, at most 512 characters, in NFC, with no empty, `.` or `..` segment, no backslash,
 * colon (drive letters, Windows streams), control character or lone surrogate, and no segment
 * Windows would treat specially (device names like `con.txt`, trailing dot or space).
 *
 * @example bundlePathProblem('documents/a.txt') // undefined
 * @example bundlePathProblem('../evil')         // 'it has a ".." segment'
 */
export function bundlePathProblem(path: string): string | undefined {
  if (path.length === 0) return 'it is empty';
  if (path.length > MAX_BUNDLE_PATH_LENGTH) return `it is longer than ${MAX_BUNDLE_PATH_LENGTH} characters`;
  // Control characters first: a NUL would otherwise be reported as whatever follows it.
  if (/\p{Cc}/u.test(path)) return 'it contains a control character';
  if (hasLoneSurrogate(path)) return 'it contains a lone surrogate';
  if (path.includes('\\')) return 'it contains a backslash';
  if (path.startsWith('/')) return 'it is absolute';
  if (/^[A-Za-z]:/.test(path)) return 'it starts with a drive letter';
  if (path.includes(':')) return 'it contains a colon';
  if (path.normalize('NFC') !== path) return 'it is not in Unicode NFC';
  for (const segment of path.split('/')) {
    if (segment === '') return 'it has an empty segment (a doubled or trailing "/")';
    if (segment === '..') return 'it has a ".." segment';
    if (segment === '.') return 'it has a "." segment';
    if (/[. ]$/.test(segment)) return `its segment "${segment}" ends with a dot or space`;
    if (WINDOWS_DEVICE.test(segment)) return `its segment "${segment}" is a reserved Windows device name`;
  }
  return undefined;
}

/**
 * The key two paths collide under on a case-insensitive or normalising file system (Windows,
 * macOS): NFC, then case folded. Upper- then lower-casing folds "ß" and "SS" together too; it may
 * fold a little more than a file system does, which only refuses more.
 */
export function pathCollisionKey(path: string): string {
  return path.normalize('NFC').toUpperCase().toLowerCase();
}

/**
 * The first pair of paths in `paths` that are equal, or equal after NFC and case folding.
 * @example findCollision(['a.txt', 'A.TXT']) // ['a.txt', 'A.TXT']
 */
export function findCollision(paths: Iterable<string>): readonly [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const path of paths) {
    const key = pathCollisionKey(path);
    const earlier = seen.get(key);
    if (earlier !== undefined) return [earlier, path];
    seen.set(key, path);
  }
  return undefined;
}
