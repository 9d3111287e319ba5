// Names for exported files and things: stable across exports of one workspace.
import { createHash } from 'node:crypto';

/** A UUID (version 5 layout, SHA-1) derived from `name`: the same name, the same UUID. */
export function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

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
