// The Agreement view's data: the figures for what the analyst chose, and the disagreements of the
// document being curated, each read again whenever annotations, documents or the codebook change
// (so the figures and the list follow every curation decision, and its undo).
import type { AgreementOverview, DocumentDisagreements } from '../../../core/contract/workbench-api.ts';
import type { Result } from '../../../core/result.ts';
import { api } from '../api/client.ts';
import { useServiceValue } from '../api/use-service-value.ts';

/** What the analyst chose; an absent list is the service's default (every coder, document, used tag). */
export interface AgreementChoice {
  readonly coders?: readonly string[];
  readonly documentIds?: readonly string[];
  readonly tagIds?: readonly string[];
  /** Span F1's minimum overlap (0–1); exact boundaries when absent. */
  readonly overlap?: number;
  /** The creator curated annotations are written under. */
  readonly curator: string;
}

const READ_AGAIN_ON = [api.onDidChangeAnnotations, api.onDidChangeDocuments, api.onDidChangeWorkspace];

/** The figures for `choice`, read again on every change; undefined until the first answer. */
export function useAgreementOverview(choice: AgreementChoice): Result<AgreementOverview, 'invalid'> | undefined {
  const request = {
    ...(choice.coders ? { coders: [...choice.coders] } : {}),
    ...(choice.documentIds ? { documentIds: [...choice.documentIds] } : {}),
    ...(choice.tagIds ? { tagIds: [...choice.tagIds] } : {}),
    ...(choice.overlap !== undefined ? { overlap: choice.overlap } : {}),
    curator: choice.curator,
  };
  return useServiceValue(() => api.getAgreement(request), READ_AGAIN_ON, JSON.stringify(request));
}

/**
 * The disagreements among `coders` in one document, on `tagIds`, with the curated version of each
 * region under `curator`; undefined until the first answer, or when there is no document or fewer
 * than two coders to compare.
 */
export function useDisagreements(
  documentId: string | undefined,
  coders: readonly string[],
  tagIds: readonly string[],
  curator: string,
): Result<DocumentDisagreements, 'not-found' | 'invalid'> | undefined {
  const request = { coders: [...coders], tagIds: [...tagIds], curator };
  const wanted = documentId !== undefined && coders.length >= 2;
  const value = useServiceValue(
    () => (wanted ? api.getDisagreements(documentId, request) : Promise.resolve(undefined)),
    READ_AGAIN_ON,
    JSON.stringify([documentId, request]),
  );
  if (!wanted || value === undefined) return undefined;
  // Until the chosen document's answer comes, the one before it is not shown as this one's.
  return value.ok && value.value.documentId !== documentId ? undefined : value;
}
