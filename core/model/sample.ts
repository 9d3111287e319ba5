// The sample workspace's marks: how its documents and records are told from the analyst's own, so
// that "Remove the sample" takes exactly them.
import type { DocumentMeta } from './document.ts';

/** The creator of the sample's annotations, links and claims. */
export const SAMPLE_CREATOR = 'Claimbench sample';

/** Where a sample document says it came from: `sample:<file>`. */
export function sampleOrigin(file: string): string {
  return `sample:${file}`;
}

/** Whether a document is one of the sample's (made with the workspace, not imported by the analyst). */
export function isSampleDocument(meta: Pick<DocumentMeta, 'importedFrom'>): boolean {
  return meta.importedFrom.startsWith('sample:');
}
