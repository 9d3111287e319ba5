// The Agreement view: how far coders (annotations' creators) agree, per tag, per document and
// pooled, for the coders, tags and documents the analyst chooses; each coder against the curated
// version; the table as CSV; and curation of one document's disagreements (CurationPanel).
import { useState } from 'react';
import { agreementCsv } from '../../../core/agreement/agreement-csv.ts';
import { CURATOR } from '../../../core/agreement/curation.ts';
import type { AgreementRow } from '../../../core/agreement/report.ts';
import type { DocumentSummary } from '../../../core/model/document.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { downloadText } from '../bundles/download.ts';
import { AgreementChoices, coderName } from './AgreementChoices.tsx';
import { CurationPanel } from './CurationPanel.tsx';
import { FiguresTable } from './FiguresTable.tsx';
import { useAgreementOverview, type AgreementChoice } from './use-agreement.ts';
import { AGREEMENT_CSV_BUTTON } from './agreement-ids.ts';

interface AgreementViewProps {
  readonly workspace: WorkspaceInfo;
  readonly documents: readonly DocumentSummary[];
  readonly report: (message: string) => void;
}

export function AgreementView({ workspace, documents, report }: AgreementViewProps) {
  const [choice, setChoice] = useState<AgreementChoice>({ curator: CURATOR });
  /** Each document's rows, or only the pooled ones (a workspace may have hundreds of documents). */
  const [eachDocument, setEachDocument] = useState(false);
  const answer = useAgreementOverview(choice);
  const overview = answer?.ok ? answer.value : undefined;
  const tagNames = new Map(workspace.codebook.tags.map((tag) => [tag.id, tag.name]));
  const tagName = (id: string) => tagNames.get(id) ?? id;
  const titles = new Map(documents.map(({ meta }) => [meta.id, meta.title]));
  const count = overview?.compared.documentIds.length ?? 0;
  const documentName = (id: string | null) => (id === null ? `All ${count} document${count === 1 ? '' : 's'}` : (titles.get(id) ?? id));
  const codersOf = (row: AgreementRow) => row.coders.map(coderName).join(' vs ');

  const exportCsv = () => {
    if (!overview) return;
    const csv = agreementCsv([...overview.rows, ...overview.againstCurated], { tag: tagName, document: documentName });
    downloadText(`agreement-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv;charset=utf-8', csv);
  };

  return (
    <div className="agreement-view">
      {overview && (
        <AgreementChoices
          choice={choice}
          onChoice={setChoice}
          compared={overview.compared}
          coders={overview.coders}
          codebook={workspace.codebook}
          documents={documents}
        />
      )}
      <main className="pane agreement-main" aria-label="Agreement" data-pane="agreement">
        <div className="agreement-head">
          <h1 className="pane-title">Agreement</h1>
          {overview && (
            <p className="agreement-summary">
              {overview.compared.coders.length < 2
                ? 'Agreement needs two or more coders: analysts whose names annotations carry (set yours in Settings, or import another analyst’s bundle).'
                : `${overview.compared.coders.map(coderName).join(', ')} on ${count} document${count === 1 ? '' : 's'}; span F1 on ${
                    overview.compared.spanMatch.kind === 'exact'
                      ? 'exact boundaries'
                      : `overlap ≥ ${Math.round(overview.compared.spanMatch.minimum * 100)}%`
                  }.`}
            </p>
          )}
          <label className="agreement-rows">
            <input type="checkbox" checked={eachDocument} onChange={(event) => setEachDocument(event.target.checked)} />
            Each document
          </label>
          <button
            type="button"
            className="button-small"
            onClick={exportCsv}
            disabled={!overview || overview.rows.length === 0}
            data-testid={AGREEMENT_CSV_BUTTON}
            title="The whole table (each document, and each coder against the curated version) as a CSV file"
          >
            Export CSV
          </button>
        </div>
        {answer?.ok === false && <p className="pane-error">{answer.error.message}</p>}
        {answer === undefined && <p className="pane-empty">Computing…</p>}
        {overview && overview.rows.length === 0 && overview.compared.coders.length >= 2 && (
          <p className="pane-empty">Nothing to compare: choose a tag and a document.</p>
        )}
        {overview && overview.rows.length > 0 && (
          <FiguresTable
            caption={eachDocument ? 'Per tag: each document, then all of them together' : 'Per tag, all documents together'}
            rows={eachDocument ? overview.rows : overview.rows.filter((row) => row.documentId === null)}
            tagName={tagName}
            second={{ heading: 'Document', of: (row) => documentName(row.documentId) }}
            testId="agreement-figures"
          />
        )}
        {overview && overview.againstCurated.length > 0 && (
          <FiguresTable
            caption={`Each coder against the curated version (“${overview.compared.curator}”), in the documents curated so far`}
            rows={overview.againstCurated}
            tagName={tagName}
            second={{ heading: 'Compared', of: codersOf }}
            testId="agreement-curated-figures"
          />
        )}
        {overview && (
          <CurationPanel
            workspace={workspace}
            coders={overview.compared.coders}
            tagIds={overview.compared.tagIds}
            documents={overview.documents}
            curator={choice.curator}
            onCurator={(curator) => setChoice({ ...choice, curator })}
            report={report}
          />
        )}
      </main>
    </div>
  );
}
