// Name-based UUIDs: the same name gives the same UUID, for ids that must not change between
// exports of a workspace (export-names.ts) and for the GUIDs of tags from before tags stored one.
import { createHash } from 'node:crypto';

/** A UUID (version 5 layout, SHA-1) derived from `name`: the same name, the same UUID. */
export function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The GUID every export gave a tag of a workspace made `createdAt` while tags stored none: a tag
 * without a GUID gets this one when its workspace is opened, so that files exported before keep matching.
 */
export function legacyTagGuid(createdAt: string, tagId: string): string {
  return nameBasedUuid(`claimbench:${createdAt}:${tagId}`);
}
