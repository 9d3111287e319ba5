// Exports of the workspace's annotations in standard formats. W3C Web Annotation: every
// annotation of every document, and every evidence link (motivation `linking`, a target in each
// document), as one AnnotationCollection; positions in Unicode code points (core/interchange/w3c.ts).
import type { WorkbenchApi } from '../../core/contract/workbench-api.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { fileNameOf } from '../export/export-names.ts';
import { w3cCollection } from '../export/w3c-collection.ts';
import { everyDocument } from '../store/tally.ts';

type ExportMethods = Pick<WorkbenchApi, 'exportAnnotations'>;

export function exportMethods(store: WorkspaceStore): ExportMethods {
  return {
    async exportAnnotations() {
      const { name } = store.workspace;
      // Every document at once, until exports stream (on-demand store step 7).
      const source = { workspace: store.workspace, evidence: store.evidence, documents: await everyDocument(store) };
      return {
        fileName: `${fileNameOf(name)}-annotations.jsonld`,
        mimeType: 'application/ld+json',
        text: `${JSON.stringify(w3cCollection(source), null, 2)}\n`,
      };
    },
  };
}
