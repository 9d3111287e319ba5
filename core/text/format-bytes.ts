// Byte counts for people, one way everywhere: the sizes the export and bundle dialogs show, and
// the limits main names when it refuses a file (too large, a possible zip bomb).

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/**
 * A size in decimal SI units (1 KB = 1,000 bytes): what macOS Finder, GNOME Files, KDE Dolphin and
 * phones show, and how disks are sold, so the number read here is the one the analyst's file
 * manager shows beside the file. (Binary units, "MiB", would match Windows Explorer's numbers
 * only, and that labels them "MB".) One decimal below 10, whole numbers from there; a value that
 * would round to 1,000 moves up a unit.
 * @example formatBytes(12) // "12 bytes"
 * @example formatBytes(1_400_000) // "1.4 MB"
 * @example formatBytes(64 * 1024 * 1024) // "67 MB"
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 9.95 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}
