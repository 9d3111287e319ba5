// The honest floor for the cold-start benchmark (issue 23): Monaco's editor core, imported as the
// reader imports it (editor.api and its worker) and nothing else, showing the first sample
// document's text read-only. Whatever the app does beyond this page is what it adds.
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

const text = await (await fetch('./document.txt')).text();
monaco.editor.create(document.getElementById('reader')!, { value: text, readOnly: true, language: 'plaintext', wordWrap: 'on' });
