// "Remove the sample" (Settings, the first-run prompt, the palette): says what goes, asks, removes
// it as one undo step, and says what went and that Ctrl+Z brings it back.
import { useCallback } from 'react';
import type { DocumentSummary } from '../../../core/model/document.ts';
import { isSampleDocument } from '../../../core/model/sample.ts';
import { api } from '../api/client.ts';
import type { Confirmation } from '../ui/ConfirmDialog.tsx';
import { countOf } from '../ui/format.ts';
import type { Loadable } from './use-workbench.ts';

export function useRemoveSample(
  documents: Loadable<DocumentSummary[]>,
  confirm: (question: Confirmation) => Promise<boolean>,
  report: (message: string | undefined) => void,
  showOutcome: (text: string) => void,
): () => Promise<void> {
  return useCallback(async () => {
    const sample = documents.state === 'ready' ? documents.value.filter(({ meta }) => isSampleDocument(meta)) : [];
    if (sample.length === 0) return report('This workspace holds no sample documents.');
    const claims = sample.reduce((sum, { annotationCount }) => sum + annotationCount, 0);
    const message = `${countOf(sample.length, 'sample document')} (${sample.map(({ meta }) => `“${meta.title}”`).join(', ')}) go, with their ${countOf(claims, 'annotation')}, the links and claims made from them, and the sample's own claims. Your own documents stay. Ctrl+Z undoes it.`;
    if (!(await confirm({ title: 'Remove the sample?', message, confirmLabel: 'Remove the sample' }))) return;
    try {
      const result = await api.removeSample();
      if (!result.ok) return report(result.error.message);
      const { documents: gone, annotations, links, claims: records } = result.value;
      showOutcome(
        `Removed the sample: ${[countOf(gone, 'document'), countOf(annotations, 'annotation'), countOf(links, 'link'), countOf(records, 'claim')].join(', ')}. Ctrl+Z puts it back.`,
      );
    } catch (error) {
      report((error as Error).message);
    }
  }, [documents, confirm, report, showOutcome]);
}
