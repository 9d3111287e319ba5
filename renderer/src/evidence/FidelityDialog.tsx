// Quote fidelity: a quotation (left) against its source text (right) in Monaco's diff view, with
// the words changed, dropped or added listed underneath (core/evidence/quote-fidelity.ts).
import { useEffect, useMemo, useRef } from 'react';
import { compareQuote } from '../../../core/evidence/quote-fidelity.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { useColorScheme } from '../ui/use-color-scheme.ts';
import { monaco } from '../reader/monaco.ts';

interface FidelityDialogProps {
  readonly quote: { readonly documentTitle: string; readonly text: string };
  readonly source: { readonly documentTitle: string; readonly text: string };
  readonly onClose: () => void;
}

const VERDICTS = {
  verbatim: 'Verbatim: the quote is word for word the source.',
  cosmetic: 'Only cosmetic differences (case, punctuation, quotation marks).',
  altered: 'The quote differs from its source in its words.',
} as const;

/** Breaks text at sentence ends so the diff view compares line by line, not one long line. */
const byLine = (text: string) => text.replace(/([.!?;:]["”’»]?)\s+/g, '$1\n');

export function FidelityDialog({ quote, source, onClose }: FidelityDialogProps) {
  const container = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();
  const comparison = useMemo(() => compareQuote(quote.text, source.text), [quote.text, source.text]);

  useEffect(() => {
    const original = monaco.editor.createModel(byLine(quote.text), 'plaintext');
    const modified = monaco.editor.createModel(byLine(source.text), 'plaintext');
    const editor = monaco.editor.createDiffEditor(container.current!, {
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      // Quote and source side by side even in the dialog's width (Monaco goes inline below 900 px).
      useInlineViewWhenSpaceIsLimited: false,
      wordWrap: 'on',
      diffWordWrap: 'on',
      minimap: { enabled: false },
      lineNumbers: 'off',
      renderOverviewRuler: false,
      automaticLayout: true,
      ignoreTrimWhitespace: true,
      fontSize: 14,
      originalAriaLabel: `Quote in ${quote.documentTitle}`,
      modifiedAriaLabel: `Source text in ${source.documentTitle}`,
    });
    editor.setModel({ original, modified });
    let computed = false;
    const updated = editor.onDidUpdateDiff(() => (computed = true));
    return () => {
      updated.dispose();
      editor.dispose();
      // Monaco's diff worker answers about these models: disposed while it is still computing
      // (the dialog closed at once), they make it fail with "no diff result available", an
      // uncaught error. Until it has answered they are kept, a few seconds at most.
      const release = () => {
        original.dispose();
        modified.dispose();
      };
      if (computed) release();
      else setTimeout(release, 5_000);
    };
  }, [quote, source]);

  useEffect(() => monaco.editor.setTheme(scheme === 'dark' ? 'claimbench-dark' : 'claimbench-light'), [scheme]);

  const flagged = comparison.ops.filter((op) => op.kind !== 'same');
  return (
    <Dialog title="Quote against its source" onClose={onClose} wide closeButton={{ label: 'Close', primary: true }}>
      <div className="fidelity-heads">
        <span>Quote · {quote.documentTitle}</span>
        <span>Source · {source.documentTitle}</span>
      </div>
      <div className="fidelity-diff" ref={container} data-testid="fidelity-diff" />
      <p className={`fidelity-verdict fidelity-${comparison.verdict}`} data-testid="fidelity-verdict">
        {VERDICTS[comparison.verdict]} {comparison.counts.changed} changed, {comparison.counts.dropped} dropped, {comparison.counts.added}{' '}
        added.
      </p>
      {flagged.length > 0 && (
        <ul className="fidelity-list">
          {flagged.map((op, index) => (
            <li key={index} className={`fidelity-${op.kind}`}>
              <strong>
                {op.kind === 'changed' ? 'Changed' : op.kind === 'dropped' ? 'Dropped from the source' : 'Added in the quote'}
              </strong>{' '}
              {op.kind === 'changed' ? (
                <>
                  <del>{op.source.join(' ')}</del> → <ins>{op.quote.join(' ')}</ins>
                </>
              ) : op.kind === 'dropped' ? (
                <del>{op.source.join(' ')}</del>
              ) : (
                <ins>{op.quote.join(' ')}</ins>
              )}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
