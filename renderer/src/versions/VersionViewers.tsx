// Monaco views of a document's versions: one version's text, read-only, and two versions compared
// in the diff editor (the earlier one the base), moved passages shown as moves. The models outlive
// the diff editor until its worker has answered, as in the quote comparison (FidelityDialog).
import { useEffect, useRef } from 'react';
import { monaco } from '../reader/monaco.ts';
import { useColorScheme } from '../ui/use-color-scheme.ts';

const SHARED: monaco.editor.IEditorOptions = {
  readOnly: true,
  domReadOnly: true,
  wordWrap: 'on',
  minimap: { enabled: false },
  automaticLayout: true,
  fontSize: 14,
  scrollBeyondLastLine: false,
};

function useTheme() {
  const scheme = useColorScheme();
  useEffect(() => monaco.editor.setTheme(scheme === 'dark' ? 'claimbench-dark' : 'claimbench-light'), [scheme]);
}

/** One version's text, read-only. */
export function VersionText({ text, label }: { readonly text: string; readonly label: string }) {
  const container = useRef<HTMLDivElement>(null);
  useTheme();
  useEffect(() => {
    const model = monaco.editor.createModel(text, 'plaintext');
    const editor = monaco.editor.create(container.current!, { ...SHARED, model, ariaLabel: label, lineNumbers: 'on' });
    return () => {
      editor.dispose();
      model.dispose();
    };
  }, [text, label]);
  return <div className="version-view" ref={container} data-testid="version-text" />;
}

interface VersionDiffProps {
  readonly base: { readonly text: string; readonly label: string };
  readonly other: { readonly text: string; readonly label: string };
  /** Called with the number of changed passages once the diff is computed. */
  readonly onComputed?: (changes: number) => void;
}

/** Two versions side by side (inline when the dialog is narrow), `base` on the left. */
export function VersionDiff({ base, other, onComputed }: VersionDiffProps) {
  const container = useRef<HTMLDivElement>(null);
  const computedCallback = useRef(onComputed);
  useEffect(() => {
    computedCallback.current = onComputed;
  }, [onComputed]);
  useTheme();
  useEffect(() => {
    const original = monaco.editor.createModel(base.text, 'plaintext');
    const modified = monaco.editor.createModel(other.text, 'plaintext');
    const editor = monaco.editor.createDiffEditor(container.current!, {
      ...SHARED,
      originalEditable: false,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: true,
      diffWordWrap: 'on',
      renderOverviewRuler: true,
      ignoreTrimWhitespace: false,
      diffAlgorithm: 'advanced',
      experimental: { showMoves: true },
      originalAriaLabel: base.label,
      modifiedAriaLabel: other.label,
    });
    editor.setModel({ original, modified });
    let computed = false;
    const updated = editor.onDidUpdateDiff(() => {
      computed = true;
      computedCallback.current?.(editor.getLineChanges()?.length ?? 0);
    });
    return () => {
      updated.dispose();
      editor.dispose();
      // Monaco's diff worker answers about these models: disposed while it is still computing,
      // they make it fail with "no diff result available", an uncaught error. Until it has
      // answered they are kept, a few seconds at most.
      const release = () => {
        original.dispose();
        modified.dispose();
      };
      if (computed) release();
      else setTimeout(release, 5_000);
    };
  }, [base, other]);
  return <div className="version-view" ref={container} data-testid="version-diff" />;
}
