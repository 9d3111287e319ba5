// The document half of the workbench service's undoable changes: deleting a document takes its
// annotations, and the links and claim mentions that point at them, in one undo step through the
// change log. Its original stays in originals/ (content-addressed, maybe shared, and undo needs it).
import type { WorkbenchApi } from '../../core/contract/workbench-api.ts';
import { afterAnnotationsRemoved, dependentsOf } from '../../core/evidence/references.ts';
import { fail, ok } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { ChangeLog } from './change-log.ts';
import { quoted } from '../../core/history/edit-labels.ts';

type DocumentMethods = Pick<WorkbenchApi, 'deleteDocument'>;

export function documentMethods(store: WorkspaceStore, changes: ChangeLog): DocumentMethods {
  return {
    deleteDocument(documentId) {
      return changes.exclusive(async () => {
        const before = store.document(documentId);
        if (before === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
        const target = { documentId };
        const { links, mentions } = dependentsOf(store.evidence, target);
        const evidence = afterAnnotationsRemoved(store.evidence, target);
        const written = await changes.commit({
          label: `Delete document ${quoted(before.meta.title)}`,
          annotations: [],
          documents: [{ documentId, before, after: undefined }],
          evidence,
        });
        if (!written.ok) return written;
        return ok({ links: links.length, mentions: mentions.reduce((sum, { refs }) => sum + refs.length, 0) });
      });
    },
  };
}
