// Names for exported files and things: stable across exports of one workspace.
import { nameBasedUuid } from '../store/name-based-uuid.ts';

export { nameBasedUuid };

/** A workspace name as a file name: letters, digits and dashes. */
export function fileNameOf(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'workspace'
  );
}

/** The workspace's own id in exports: derived from when it was created, the same on every export. */
export function workspaceUuid(createdAt: string): string {
  return nameBasedUuid(`claimbench:workspace:${createdAt}`);
}
