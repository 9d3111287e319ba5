// Monaco, loaded from our own bundle (never a CDN): the editor API plus the few contributions a
// read-only reader needs, and its worker from a `?worker` import.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/lineSelection/register';
import 'monaco-editor/features/readOnlyMessage/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

// One worker per language label; plain text needs only the editor's own worker.
self.MonacoEnvironment = {
  getWorker: (_workerId: string, _label: string) => new EditorWorker(),
};

export { monaco };

// The reader's two themes: Monaco's own, on the app's page colours.
monaco.editor.defineTheme('claimbench-light', { base: 'vs', inherit: true, rules: [], colors: { 'editor.background': '#fdfcfa' } });
monaco.editor.defineTheme('claimbench-dark', { base: 'vs-dark', inherit: true, rules: [], colors: { 'editor.background': '#1b1d21' } });
