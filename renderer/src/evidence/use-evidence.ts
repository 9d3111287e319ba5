// The workspace's links and claims, as the service reports them (the whole set is small), and
// what the panels derive from them: a document's links with their quotes, the claims view.
import { useEffect, useMemo, useState } from 'react';
import type { LinkView } from '../../../core/contract/workbench-api.ts';
import type { ClaimRow } from '../../../core/evidence/claims-view.ts';
import { claimsByAnnotation, type ClaimMembership } from '../../../core/evidence/membership.ts';
import { EMPTY_EVIDENCE, type EvidenceData, type VerdictRating } from '../../../core/model/evidence.ts';
import { api } from '../api/client.ts';

export function useEvidence(): EvidenceData {
  const [evidence, setEvidence] = useState<EvidenceData>(EMPTY_EVIDENCE);
  useEffect(() => {
    let live = true;
    // An event carries the evidence as it is now: a first read answered after one is older.
    let heard = false;
    // A failed read keeps what is shown; the status bar says when the service is unreachable.
    api.getEvidence().then((value) => live && !heard && setEvidence(value), ignore);
    const subscription = api.onDidChangeEvidence((value) => {
      heard = true;
      setEvidence(value);
    });
    return () => {
      live = false;
      subscription.dispose();
    };
  }, []);
  return evidence;
}

/** Ids of the annotations of `documentId` that have a link. */
export function useLinkedAnnotations(evidence: EvidenceData, documentId: string | undefined): ReadonlySet<string> {
  return useMemo(() => {
    const ids = new Set<string>();
    for (const { from, to } of evidence.links) {
      if (from.documentId === documentId) ids.add(from.annotationId);
      if (to.documentId === documentId) ids.add(to.annotationId);
    }
    return ids;
  }, [evidence, documentId]);
}

/** The claims each annotation of `documentId` belongs to, with their verdicts (for badges and hovers). */
export function useClaimMembership(
  evidence: EvidenceData,
  documentId: string | undefined,
  scale: readonly VerdictRating[] | undefined,
): ReadonlyMap<string, readonly ClaimMembership[]> {
  return useMemo(() => claimsByAnnotation(evidence.claims, documentId, scale ?? []), [evidence, documentId, scale]);
}

/**
 * A document's links with both ends' quotes, fetched again when the evidence or `version` (the
 * document's annotations) change.
 */
export function useLinks(documentId: string | undefined, evidence: EvidenceData, version: unknown): readonly LinkView[] {
  const [links, setLinks] = useState<{ documentId: string; links: readonly LinkView[] }>();
  useEffect(() => {
    if (documentId === undefined) return;
    let live = true;
    api.getLinks(documentId).then((result) => live && setLinks({ documentId, links: result.ok ? result.value : [] }), ignore);
    return () => {
      live = false;
    };
  }, [documentId, evidence, version]);
  return links !== undefined && links.documentId === documentId ? links.links : [];
}

/** The claims view's rows, fetched again when the evidence or the documents change. */
export function useClaimRows(evidence: EvidenceData, documentsVersion: unknown): readonly ClaimRow[] | undefined {
  const [rows, setRows] = useState<readonly ClaimRow[]>();
  useEffect(() => {
    let live = true;
    api.listClaims().then((value) => live && setRows(value), ignore);
    return () => {
      live = false;
    };
  }, [evidence, documentsVersion]);
  return rows;
}

const ignore = (): void => undefined;
