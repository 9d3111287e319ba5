// Quote fidelity: a quotation (right) against its source text (left, the base) in Monaco's diff
// view, with the words changed, dropped or added listed underneath (core/evidence/quote-fidelity.ts).
// When a new version changed an end's words, the comparison is of the words the link was made on
// (core/annotations/review.ts), and the dialog says what the text reads now.
import { useEffect, useMemo, useRef } from 'react';
import { compareQuote, type QuoteComparison, type QuoteOp } from '../../../core/evidence/quote-fidelity.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { useColorScheme } from '../ui/use-color-scheme.ts';
import { monaco } from '../reader/monaco.ts';
import { shorten } from '../ui/format.ts';

/** One end: `text` is what is compared; `now`, its words in the current version when they differ. */
export interface FidelityEnd {
  readonly documentTitle: string;
  readonly text: string;
  readonly now?: string;
}

interface FidelityDialogProps {
  readonly quote: FidelityEnd;
  readonly source: FidelityEnd;
  readonly onClose: () => void;
}

const VERDICTS = {
  verbatim: 'Verbatim: the quote is word for word the source.',
  cosmetic: 'Only cosmetic differences (case, punctuation, quotation marks).',
  conventions: 'The same words but for editorial brackets or contractions, as quoting allows.',
  altered: 'The quote differs from its source in its words.',
} as const;

/** Breaks text at sentence ends so the diff view compares line by line, not one long line. */
const byLine = (text: string) => text.replace(/([.!?;:]["”’»]?)\s+/g, '$1\n');

export function FidelityDialog({ quote, source, onClose }: FidelityDialogProps) {
  const container = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();
  const comparison = useMemo(() => compareQuote(quote.text, source.text), [quote.text, source.text]);

  useEffect(() => {
    // The source is the base: what the quote changed reads as changes made to it.
    const original = monaco.editor.createModel(byLine(source.text), 'plaintext');
    const modified = monaco.editor.createModel(byLine(quote.text), 'plaintext');
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
      scrollBeyondLastLine: false,
      automaticLayout: true,
      ignoreTrimWhitespace: true,
      fontSize: 14,
      originalAriaLabel: `Source text in ${source.documentTitle}`,
      modifiedAriaLabel: `Quote in ${quote.documentTitle}`,
    });
    editor.setModel({ original, modified });
    // The diff editor does not hand its aria labels to the inner editors' inputs, which axe then
    // finds with an empty label: name them directly.
    editor.getOriginalEditor().updateOptions({ ariaLabel: `Quote in ${quote.documentTitle}` });
    editor.getModifiedEditor().updateOptions({ ariaLabel: `Source text in ${source.documentTitle}` });
    // As tall as the longer text (a quote is often two lines), up to the most the dialog allows.
    const fit = () => {
      const element = container.current;
      if (!element) return;
      const height = Math.max(editor.getOriginalEditor().getContentHeight(), editor.getModifiedEditor().getContentHeight());
      element.style.height = `${Math.min(Math.max(height + 4, 72), Math.round(window.innerHeight * 0.45))}px`;
    };
    const sized = [editor.getOriginalEditor().onDidContentSizeChange(fit), editor.getModifiedEditor().onDidContentSizeChange(fit)];
    let computed = false;
    const updated = editor.onDidUpdateDiff(() => ((computed = true), fit()));
    return () => {
      for (const listener of sized) listener.dispose();
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
        <span>Source · {source.documentTitle}</span>
        <span>Quote · {quote.documentTitle}</span>
      </div>
      <ChangedSince end={quote} which="quote" />
      <ChangedSince end={source} which="source" />
      <div className="fidelity-diff" ref={container} data-testid="fidelity-diff" />
      <p className={`fidelity-verdict fidelity-${comparison.verdict}`} data-testid="fidelity-verdict">
        {VERDICTS[comparison.verdict]} {countsText(comparison.counts)}
      </p>
      {flagged.length > 0 && (
        <ul className="fidelity-list">
          {flagged.map((op, index) => (
            <li key={index} className={`fidelity-${op.kind}`}>
              <strong>{OP_LABELS[op.kind]}</strong> <OpWords op={op} />
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}

/** Says that a new version changed an end's words since the link was made, and what it reads now. */
function ChangedSince({ end, which }: { readonly end: FidelityEnd; readonly which: 'quote' | 'source' }) {
  if (end.now === undefined) return null;
  return (
    <p className="fidelity-was" data-testid="fidelity-was">
      Compared on the words the link was made on: a new version of {end.documentTitle} changed the {which}. It now reads “
      {shorten(end.now, 240)}”.
    </p>
  );
}

const OP_LABELS: Readonly<Record<QuoteOp['kind'], string>> = {
  same: 'Same',
  changed: 'Changed',
  dropped: 'Dropped from the source',
  added: 'Added in the quote',
  editorial: 'Editorial insertion',
  contraction: 'Contraction',
};

/** What a difference did to the source's words: source words struck out, the quote's beside them. */
function OpWords({ op }: { readonly op: QuoteOp }) {
  const source = op.source.length > 0 ? <del>{op.source.join(' ')}</del> : null;
  const quote = op.quote.length > 0 ? <ins>{op.quote.join(' ')}</ins> : null;
  if (source && quote)
    return (
      <>
        {source} → {quote}
      </>
    );
  return source ?? quote;
}

/** "1 changed, 0 dropped, 0 added", and the conventions when there are any. */
function countsText(counts: QuoteComparison['counts']): string {
  const parts = [`${counts.changed} changed`, `${counts.dropped} dropped`, `${counts.added} added`];
  if (counts.editorial > 0) parts.push(`${counts.editorial} editorial ${counts.editorial === 1 ? 'insertion' : 'insertions'}`);
  if (counts.contractions > 0) parts.push(`${counts.contractions} ${counts.contractions === 1 ? 'contraction' : 'contractions'}`);
  return `${parts.join(', ')}.`;
}
