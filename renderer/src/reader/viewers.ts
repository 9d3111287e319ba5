// How a reader pane says who else is reading its document (pure).
import type { Viewer } from '../../../core/contract/presence-api.ts';

/** "Ben is reading this too", "Ben and Chloé are…", "Ben, Chloé and 2 others are…"; names once each. */
export function describeViewers(viewers: readonly Viewer[]): string {
  const names = [...new Set(viewers.map((viewer) => viewer.name || 'Someone'))];
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is reading this too`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are reading this too`;
  const rest = names.length - 2;
  return `${names[0]}, ${names[1]} and ${rest} other${rest === 1 ? '' : 's'} are reading this too`;
}
