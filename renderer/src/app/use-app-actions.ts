// What each command of the registry does in this window now (commands/command-registry.ts): the
// command palette offers these, the window's keys run them. A command that cannot act now (no
// document open, nothing selected, no pane beside) is left out.
import { useMemo } from 'react';
import type { Codebook } from '../../../core/model/codebook.ts';
import { AGREEMENT_CSV_BUTTON } from '../agreement/agreement-ids.ts';
import type { RowSelectionState } from '../annotations/use-row-selection.ts';
import type { CommandActions } from '../commands/use-commands.tsx';
import type { PaletteCommand } from '../commands/CommandPalette.tsx';
import type { DocumentPaneState } from '../reader/use-document-pane.ts';
import type { FindTab } from '../table/FindTabs.tsx';
import { useHashParam } from '../ui/use-hash-state.ts';
import type { View } from './TopBar.tsx';

export interface AppActionsInput {
  readonly view: View;
  readonly setView: (view: View) => void;
  readonly left: DocumentPaneState;
  readonly besideId: string | undefined;
  readonly codebook: Codebook | undefined;
  readonly sampleDocuments: number;
  readonly undo: () => void;
  readonly redo: () => void;
  readonly showDialog: (dialog: 'paste' | 'metadata' | 'versions' | 'codebook' | 'export' | 'settings') => void;
  readonly link: () => void;
  readonly followLink: (annotationId: string) => void;
  readonly swap: () => void;
  readonly closeBeside: () => void;
  readonly deleteDocument: () => void;
  readonly removeSample: () => void;
  /** The annotations panel's selected rows. */
  readonly rows: RowSelectionState;
  /** The annotations panel is on screen (its tab chosen, the side panel unfolded). */
  readonly annotationsPanel: boolean;
  /** The annotations the panel's filter shows (undefined: all). */
  readonly filterShown: ReadonlySet<string> | undefined;
}

/** Opens the file chooser of a FileButton (by its input's test id): a palette choice is a user's key press, so the browser allows it. */
function chooseFile(testId: string): (() => void) | undefined {
  return () => document.querySelector<HTMLInputElement>(`input[type="file"][data-testid="${testId}"]`)?.click();
}

/** Focuses a field by its accessible name. */
function focusField(label: string): () => void {
  return () => document.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)?.focus();
}

export function useAppActions(input: AppActionsInput): { actions: CommandActions; extra: PaletteCommand[] } {
  const { view, setView, left, besideId, codebook, sampleDocuments, undo, redo, showDialog, link, followLink, swap, closeBeside } = input;
  const { deleteDocument, removeSample, rows, annotationsPanel, filterShown } = input;
  const open = view === 'documents' && left.open !== undefined;
  const selection = view === 'documents' ? left.textSelection : undefined;
  const cursor = view === 'documents' ? left.selectedAnnotation : undefined;
  const { newAnnotation, editAnnotation, deleteAnnotation, tagSelection, toggleTag } = left;
  const annotations = open && annotationsPanel ? left.shown?.annotations : undefined;
  const { picking, selectAll: selectRows, clear: clearRows } = rows;
  // The search view's tab (#find=, as use-find.tsx reads it): the table and the matrix are two of its tabs.
  const [findParam, setFindParam] = useHashParam('find');

  const actions = useMemo((): CommandActions => {
    const when = (condition: boolean, run: (() => void) | undefined) => (condition ? run : undefined);
    const showFind = (tab: FindTab) => {
      setFindParam(tab);
      setView('search');
    };
    return {
      'settings.show': () => showDialog('settings'),
      'edit.undo': undo,
      'edit.redo': redo,
      'view.documents': when(view !== 'documents', () => setView('documents')),
      'view.claims': when(view !== 'claims', () => setView('claims')),
      // Pressed again in the search view, it goes back to the query.
      'view.search': view === 'search' ? focusField('Search the workspace') : () => setView('search'),
      'view.annotationTable': when(view !== 'search' || findParam !== 'table', () => showFind('table')),
      'view.tagMatrix': when(view !== 'search' || findParam !== 'matrix', () => showFind('matrix')),
      'view.archive': when(view !== 'archive', () => setView('archive')),
      'view.agreement': when(view !== 'agreement', () => setView('agreement')),
      'agreement.exportCsv': when(view === 'agreement', () =>
        document.querySelector<HTMLButtonElement>(`[data-testid="${AGREEMENT_CSV_BUTTON}"]:not(:disabled)`)?.click(),
      ),
      'library.import': when(view === 'documents', chooseFile('import-input')),
      'library.paste': () => showDialog('paste'),
      'codebook.show': () => showDialog('codebook'),
      'workspace.export': () => showDialog('export'),
      'workspace.importBundle': chooseFile('bundle-input'),
      'workspace.removeSample': when(sampleDocuments > 0, removeSample),
      'document.openBeside': when(open, focusField('Open beside')),
      'document.closeBeside': when(view === 'documents' && besideId !== undefined, closeBeside),
      'document.swap': when(open && besideId !== undefined, swap),
      'document.editDetails': when(open, () => showDialog('metadata')),
      'document.versions': when(open, () => showDialog('versions')),
      'document.newVersion': when(open, chooseFile('version-input')),
      'document.importAnnotations': when(open, chooseFile('annotation-file-input')),
      'document.delete': when(open, deleteDocument),
      'reader.claim': selection
        ? () => newAnnotation(selection.start, selection.end)
        : cursor !== undefined
          ? () => editAnnotation(cursor)
          : undefined,
      'reader.link': when(open && besideId !== undefined, link),
      'reader.followLink': when(cursor !== undefined, () => cursor !== undefined && followLink(cursor)),
      'panel.edit': when(cursor !== undefined, () => cursor !== undefined && editAnnotation(cursor)),
      // Not while several are selected: it would delete the one at the cursor alone.
      'panel.delete': when(cursor !== undefined && !picking, () => cursor !== undefined && deleteAnnotation(cursor)),
      'panel.selectAll': when(annotations !== undefined && annotations.length > 0, () =>
        selectRows((annotations ?? []).map((annotation) => annotation.id).filter((id) => filterShown?.has(id) ?? true)),
      ),
      'panel.clearSelection': when(picking, clearRows),
    };
  }, [
    view,
    setView,
    findParam,
    setFindParam,
    open,
    besideId,
    selection,
    cursor,
    sampleDocuments,
    undo,
    redo,
    showDialog,
    link,
    followLink,
    swap,
    closeBeside,
    deleteDocument,
    removeSample,
    newAnnotation,
    editAnnotation,
    deleteAnnotation,
    annotations,
    filterShown,
    picking,
    selectRows,
    clearRows,
  ]);

  // One entry per tag when there is something to tag: the selection, or the claim at the cursor.
  const extra = useMemo((): PaletteCommand[] => {
    if (codebook === undefined || (selection === undefined && cursor === undefined)) return [];
    return codebook.tags.map((tag) => ({
      id: `tag:${tag.id}`,
      title: selection ? `Tag the selection as ${tag.name}` : `Add or remove the tag ${tag.name}`,
      keys: tag.shortcut ? [tag.shortcut] : [],
      run: () => (selection ? tagSelection(tag.id, selection.start, selection.end) : cursor !== undefined && toggleTag(cursor, tag.id)),
    }));
  }, [codebook, selection, cursor, tagSelection, toggleTag]);

  return { actions, extra };
}
