// Tests comparing records across workspaces: a record from before versions (none written) and
// the same record written since (version 1) are the same record.
import type { EvidenceData } from '../../core/model/evidence.ts';
import { versionOf } from '../../core/model/record-version.ts';

/** `evidence` with every claim's version written out. */
export function withClaimVersions(evidence: EvidenceData): EvidenceData {
  return { ...evidence, claims: evidence.claims.map((claim) => ({ ...claim, version: versionOf(claim) })) };
}
