// A workbench service over a fresh sample workspace, with helpers that name its annotations and
// spans by their words, for the service's unit tests.
import path from 'node:path';
import type { AnnotationRef } from '../../core/model/evidence.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { RESOURCES_DIR } from '../../main/app-paths.ts';
import { EXTRACTORS } from '../../main/import/extractors.ts';
import { createWorkbenchService } from '../../main/workbench/workbench-service.ts';
import { openOrCreateWorkspace } from '../../main/workspace/open-workspace.ts';
import { readDocument, readEveryDocument } from './read-document.ts';

export async function sampleWorkbench(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  const service = createWorkbenchService(store, { extractors: EXTRACTORS });
  const [report, mayor, ministry] = (await readEveryDocument(store)) as [DocumentFile, DocumentFile, DocumentFile];
  // The documents as they are now, followed through the store's changes: `ref` is synchronous and
  // cannot read the store, whose documents (in the team suite) are not in memory unless held.
  const current = new Map([report, mayor, ministry].map((file) => [file.meta.id, file]));
  store.onDidChangeRecords((change) => {
    if (change.kind !== 'document') return;
    if (change.after === undefined) current.delete(change.documentId);
    else current.set(change.documentId, change.after);
  });

  /** The annotation of `document` whose quote starts with `quote`, as the store has it now. Synchronous, for the many tests that name refs inline. */
  const ref = (document: DocumentFile, quote: string): AnnotationRef => {
    const annotation = current.get(document.meta.id)?.annotations.find((candidate) => candidate.target.exact.startsWith(quote));
    if (annotation === undefined) throw new Error(`no annotation "${quote}" in ${document.meta.title}`);
    return { documentId: document.meta.id, annotationId: annotation.id };
  };

  /** The span of `phrase` in `document`, as a link end to annotate. */
  const span = (document: DocumentFile, phrase: string) => {
    const start = document.text.indexOf(phrase);
    if (start < 0) throw new Error(`"${phrase}" is not in ${document.meta.title}`);
    return { documentId: document.meta.id, start, end: start + phrase.length };
  };

  /** Whether the annotation is in the store (reopen the workspace to ask the disk). */
  const has = async (ref: AnnotationRef, source = store) =>
    (await readDocument(source, ref.documentId))?.annotations.some((annotation) => annotation.id === ref.annotationId) === true;

  return { service, store, report, mayor, ministry, ref, span, has };
}
