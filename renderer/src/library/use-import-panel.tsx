// The import panel for the library, and the details step it opens: which documents the step
// shows while it is open, and its dialog, so that App only places the two.
import { useState } from 'react';
import type { DocumentSummary } from '../../../core/model/document.ts';
import type { Loadable } from '../app/use-workbench.ts';
import { ImportDetailsDialog } from './ImportDetailsDialog.tsx';
import { importedRows, type DetailsRow } from './import-details.ts';
import { ImportPanel } from './ImportPanel.tsx';
import type { Imports } from './use-imports.ts';

/** The panel while an import shows (else undefined), and the details dialog while it is open. */
export function useImportPanel(imports: Imports, documents: Loadable<DocumentSummary[]>, onOpen: (documentId: string) => void) {
  const [rows, setRows] = useState<readonly DetailsRow[]>();
  const library = documents.state === 'ready' ? documents.value : undefined;
  const { job } = imports;
  return {
    panel: job && (
      <ImportPanel
        job={job}
        onCancel={imports.cancel}
        onDismiss={imports.dismiss}
        onOpen={onOpen}
        onDetails={() => setRows(importedRows(job.outcomes, library ?? []))}
        detailsOpen={rows !== undefined}
      />
    ),
    dialog: rows && library && <ImportDetailsDialog rows={rows} documents={library} onClose={() => setRows(undefined)} />,
  };
}
