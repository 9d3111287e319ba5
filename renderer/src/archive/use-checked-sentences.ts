// "Has this been checked before?" for an open document: its sentences matched against the
// fact-check archive and the workspace's claims with a verdict (api.matchDocument), in the
// background once the text has painted, and again when the archive or the rated claims change.
// A long document is matched only when asked: the service matches it in one go (about 3 s a
// megabyte), and nothing else it is asked meanwhile would be answered.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CheckedSentence } from '../../../core/contract/workbench-api.ts';
import type { DocumentView } from '../../../core/model/document.ts';
import type { EvidenceData } from '../../../core/model/evidence.ts';
import { api } from '../api/client.ts';

/** Documents up to this many characters are matched by themselves (about half a second in the service). */
export const MATCH_BY_ITSELF_UP_TO = 200_000;

export interface CheckedSentences {
  /**
   * The document's sentences that may have been checked before, in text order; undefined until
   * known. After the archive or the claims changed they are the last ones until the new ones come.
   */
  readonly sentences: readonly CheckedSentence[] | undefined;
  /**
   * `none`: nothing to match against (an empty archive, no claim with a verdict); `long`: the
   * document waits for `matchLong`; `matching`: an answer is on its way; `failed`: see `message`.
   */
  readonly state: 'none' | 'long' | 'matching' | 'done' | 'failed';
  readonly message?: string;
  /** Changes whenever what sentences are matched against changes: a match made before may be stale. */
  readonly version: string;
  /** Matches a document longer than MATCH_BY_ITSELF_UP_TO. */
  readonly matchLong: () => void;
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
  const long = (document?.text.length ?? 0) > MATCH_BY_ITSELF_UP_TO;
  const nothingToMatch = archiveSize === 0 && rated.count === 0;
  const [asked, setAsked] = useState<string>();
  const [answer, setAnswer] = useState<{ textKey: string; version: string; sentences: readonly CheckedSentence[]; message?: string }>();

  const waiting = documentId === undefined || archiveSize === undefined || nothingToMatch || (long && asked !== textKey);
  useEffect(() => {
    if (waiting || documentId === undefined) return;
    let live = true;
    // After the first paint, when the window is idle: the text and its highlights come first.
    const run = () =>
      void api.matchDocument(documentId).then(
        (result) =>
          live &&
          setAnswer(
            result.ok ? { textKey, version, sentences: result.value } : { textKey, version, sentences: [], message: result.error.message },
          ),
        (error: unknown) => live && setAnswer({ textKey, version, sentences: [], message: (error as Error).message }),
      );
    const cancel = whenIdle(run);
    return () => {
      live = false;
      cancel();
    };
  }, [waiting, documentId, textKey, version]);

  const matchLong = useCallback(() => setAsked(textKey), [textKey]);
  const current = answer?.textKey === textKey ? answer : undefined;
  if (nothingToMatch) return { sentences: [], state: 'none', version, matchLong };
  if (long && asked !== textKey) return { sentences: undefined, state: 'long', version, matchLong };
  return {
    sentences: current?.sentences,
    state: current === undefined || current.version !== version ? 'matching' : current.message ? 'failed' : 'done',
    ...(current?.message ? { message: current.message } : {}),
    version,
    matchLong,
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
