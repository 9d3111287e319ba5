// Records as they were, but for their versions: an undo writes what was there before, as a new
// change, so the records it brings back carry new versions (core/history/versions.ts). And records
// compared across workspaces, where one from before versions (none written) and the same record
// written since (version 1) are the same.
import type { EvidenceData } from '../../core/model/evidence.ts';
import { versionOf } from '../../core/model/record-version.ts';

export function unversioned<T>(value: T): T {
  if (Array.isArray(value)) return value.map(unversioned) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, field]) => !(key === 'version' && typeof field === 'number'))
      .map(([key, field]) => [key, unversioned(field)]),
  ) as T;
}

/** `evidence` with every claim's and link's version written out (a record from before versions is version 1). */
export function withEvidenceVersions(evidence: EvidenceData): EvidenceData {
  return {
    ...evidence,
    claims: evidence.claims.map((claim) => ({ ...claim, version: versionOf(claim) })),
    links: evidence.links.map((link) => ({ ...link, version: versionOf(link) })),
  };
}
