// "Has this been checked before?" for an open document: its sentences matched against the
// fact-check archive and the workspace's claims with a verdict (api.matchDocument), in the
// background once the text has painted, and again when the archive or the rated claims change.
// The service matches in its matching thread, so a long document (about 3 s a megabyte) blocks
// nothing: its progress comes as didProgressMatching events, and the job is cancelled when the
// document is closed or what it is matched against changes first.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CheckedSentence } from '../../../core/contract/workbench-api.ts';
import type { DocumentView } from '../../../core/model/document.ts';
import type { EvidenceData } from '../../../core/model/evidence.ts';
import { api } from '../api/client.ts';

export interface CheckedSentences {
  /**
   * The document's sentences that may have been checked before, in text order; undefined until
   * known. After the archive or the claims changed they are the last ones until the new ones come.
   */
  readonly sentences: readonly CheckedSentence[] | undefined;
  /**
   * `none`: nothing to match against (an empty archive, no claim with a verdict); `matching`: an
   * answer is on its way; `failed`: see `message`.
   */
  readonly state: 'none' | 'matching' | 'done' | 'failed';
  readonly message?: string;
  /** While a long document is matched: how far it got (0–1), once the service has said so. */
  readonly progress?: number;
  /** Changes whenever what sentences are matched against changes: a match made before may be stale. */
  readonly version: string;
}

/**
 * `archiveSize`: the archive's size (useArchiveSize), undefined while unknown.
 * @example const checked = useCheckedSentences(pane.open, evidence, archiveSize); checked.sentences?.length
 */
export function useCheckedSentences(
  document: DocumentView | undefined,
  evidence: EvidenceData,
  archiveSize: number | undefined,
): CheckedSentences {
  const rated = useMemo(() => ratedClaimsKey(evidence.claims), [evidence.claims]);
  const [archiveChanges, setArchiveChanges] = useState(0);
  useEffect(() => {
    const subscription = api.onDidChangeArchive(() => setArchiveChanges((count) => count + 1));
    return () => subscription.dispose();
  }, []);
  const version = `${archiveChanges}:${rated.key}`;

  const documentId = document?.meta.id;
  const textHash = document?.meta.textHash;
  const textKey = `${documentId}:${textHash}`;
  const nothingToMatch = archiveSize === 0 && rated.count === 0;
  const [answer, setAnswer] = useState<{ textKey: string; version: string; sentences: readonly CheckedSentence[]; message?: string }>();
  const [progress, setProgress] = useState<number>();
  /** The job under way, whose progress events are this document's. */
  const job = useRef<string>(undefined);
  useEffect(() => {
    const subscription = api.onDidProgressMatching(({ jobId, done, total }) => {
      if (jobId !== undefined && jobId === job.current) setProgress(total === 0 ? 1 : done / total);
    });
    return () => subscription.dispose();
  }, []);

  const waiting = documentId === undefined || archiveSize === undefined || nothingToMatch;
  useEffect(() => {
    if (waiting || documentId === undefined) return;
    let live = true;
    let asked: string | undefined;
    // After the first paint, when the window is idle: the text and its highlights come first.
    const run = () => {
      const jobId = crypto.randomUUID();
      asked = jobId;
      job.current = jobId;
      setProgress(undefined);
      void api.matchDocument(documentId, jobId).then(
        (result) => {
          asked = undefined;
          if (!live) return;
          setAnswer(
            result.ok ? { textKey, version, sentences: result.value } : { textKey, version, sentences: [], message: result.error.message },
          );
        },
        (error: unknown) => {
          asked = undefined;
          if (live) setAnswer({ textKey, version, sentences: [], message: (error as Error).message });
        },
      );
    };
    const cancel = whenIdle(run);
    return () => {
      live = false;
      cancel();
      // A document closed, or matched against something new, before its answer came: stop it.
      if (asked !== undefined) void api.cancelMatch(asked).catch(() => undefined);
      if (job.current === asked) job.current = undefined;
    };
  }, [waiting, documentId, textKey, version]);

  const current = answer?.textKey === textKey ? answer : undefined;
  if (nothingToMatch) return { sentences: [], state: 'none', version };
  const state = current === undefined || current.version !== version ? 'matching' : current.message ? 'failed' : 'done';
  return {
    sentences: current?.sentences,
    state,
    ...(current?.message ? { message: current.message } : {}),
    ...(state === 'matching' && progress !== undefined ? { progress } : {}),
    version,
  };
}

/**
 * A short key that changes when a claim with a verdict is added, removed, reworded or rated
 * otherwise (what the matcher matches against), and how many there are.
 */
function ratedClaimsKey(claims: EvidenceData['claims']): { key: string; count: number } {
  // FNV-1a over each rated claim's id, rating and statement.
  let hash = 0x811c9dc5;
  let count = 0;
  for (const claim of claims) {
    if (claim.verdict === undefined) continue;
    count += 1;
    const part = `${claim.id}\u0000${claim.verdict.rating}\u0000${claim.statement}\u0001`;
    for (let i = 0; i < part.length; i++) hash = Math.imul(hash ^ part.charCodeAt(i), 0x01000193);
  }
  return { key: `${count}-${(hash >>> 0).toString(36)}`, count };
}

/** Runs `task` when the window is idle (within 1.5 s); Safari has no requestIdleCallback, so a timer there. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 1500 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, 200);
  return () => clearTimeout(timer);
}
