// The conflict dialog's state for one reader pane: an edit refused because someone else changed
// the annotation first is kept here with their version (shown in the window at once), until the
// analyst keeps theirs, keeps mine (sent again, from their version) or saves a merge. Should they
// have changed it yet again meanwhile, the dialog stays, with their newest version.
import { useCallback, useState } from 'react';
import type { AnnotationsChange } from '../../../core/contract/workbench-api.ts';
import { versionOf } from '../../../core/model/record-version.ts';
import { api } from '../api/client.ts';
import type { ConflictChoice } from './EditConflictDialog.tsx';
import type { EditConflict } from './edit-conflict.ts';

export function useEditConflict(applyWritten: (change: AnnotationsChange) => void) {
  const [conflict, setConflict] = useState<EditConflict>();

  /** Shows `next`: their version in the reader and the panel, and the dialog. */
  const showConflict = useCallback(
    (next: EditConflict) => {
      applyWritten({ documentId: next.documentId, put: [next.theirs], removed: [] });
      setConflict(next);
    },
    [applyWritten],
  );

  /** Carries out the analyst's choice; resolves with a problem to show in the dialog, or undefined once done. */
  const resolveConflict = useCallback(
    async (choice: ConflictChoice): Promise<string | undefined> => {
      if (conflict === undefined) return undefined;
      if (choice.kind === 'theirs') {
        setConflict(undefined);
        return undefined;
      }
      const { documentId, theirs } = conflict;
      const fields = choice.kind === 'mine' ? conflict.mine : choice.fields;
      const result = await api.updateAnnotation(documentId, theirs.id, { ...fields, baseVersion: versionOf(theirs) });
      if (result.ok) {
        applyWritten({ documentId, put: [result.value], removed: [] });
        setConflict(undefined);
        return undefined;
      }
      if (result.error.code === 'conflict') {
        showConflict({ ...conflict, theirs: result.error.current });
        return 'They changed it again meanwhile: here is their newest version.';
      }
      return result.error.message;
    },
    [conflict, applyWritten, showConflict],
  );

  return { conflict, showConflict, resolveConflict };
}
