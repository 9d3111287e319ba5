// The open document's versions (its version history), loaded when it opens and again when a new
// version replaces its text, for the version history dialog and the hover's "made on version …".
import { useEffect, useState } from 'react';
import type { DocumentVersion } from '../../../core/model/document-versions.ts';
import { api } from '../api/client.ts';

/**
 * The versions of document `documentId` whose current text has hash `textHash`; undefined until
 * they arrive (or when they cannot be read: the reader works without them).
 */
export function useVersions(documentId: string | undefined, textHash: string | undefined): readonly DocumentVersion[] | undefined {
  const [loaded, setLoaded] = useState<{ key: string; versions: readonly DocumentVersion[] }>();
  const key = `${documentId} ${textHash}`;
  useEffect(() => {
    if (documentId === undefined) return;
    let live = true;
    api.listVersions(documentId).then(
      (result) => live && result.ok && setLoaded({ key, versions: result.value }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [documentId, key]);
  return loaded?.key === key ? loaded.versions : undefined;
}

/** "Version 2 of 3, imported 6 Dec 2026, 10:02 from statement-v2.txt". */
export function describeVersion(version: DocumentVersion, count: number): string {
  return `Version ${version.number} of ${count}, ${whenAndWhence(version)}`;
}

/** "imported 6 Dec 2026, 10:02 from statement-v2.txt". */
export function whenAndWhence(version: DocumentVersion): string {
  const when = new Date(version.importedAt).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const from = version.originalName ?? version.importedFrom;
  return `imported ${when}${from ? ` from ${from}` : ''}`;
}
