// A process that saves as fast as it can until it is killed (main/store/crash.test.ts kills it
// with SIGKILL at random moments). `durable`: through the workspace store, printing "ack N" on
// stdout once save N has resolved (the store acknowledges a write only when it is on disk).
// `plain`: fs.writeFile straight over the file, as a writer without temp files does: the control
// that shows the test can see a torn file at all.
// `import`: imports of 20 new documents each, as one change through the change log (the bundle
// import's path: the documents written side by side as a batch), printing "ack N" once import N
// is committed; each document's title is "crash-N-i".
//   node tests/support/crash-writer.ts durable WORKSPACE DOCUMENT-ID
//   node tests/support/crash-writer.ts import WORKSPACE
//   node tests/support/crash-writer.ts plain FILE
import { writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { Emitter } from '../../core/events.ts';
import { textTarget } from '../../core/model/annotation.ts';
import { FolderStore } from '../../main/store/folder-store.ts';
import { ChangeLog } from '../../main/workbench/change-log.ts';

const [mode, target, documentId] = process.argv.slice(2);
const ack = (n: number) => writeFileSync(1, `ack ${n}\n`);

if (mode === 'durable' && target && documentId) {
  const store = await FolderStore.open(target);
  const base = store.document(documentId)!;
  // Numbered on from the last save a killed run made.
  const start = Math.max(
    0,
    ...base.annotations.filter((annotation) => annotation.id.startsWith('crash-')).map((annotation) => Number(annotation.id.slice(6)) + 1),
  );
  for (let n = start; ; n++) {
    const current = store.document(documentId)!;
    // A long note makes each file large enough that a kill often lands inside a write.
    const annotation = {
      ...current.annotations[0]!,
      id: `crash-${n}`,
      note: `save ${n} ${'x'.repeat(20_000)}`,
      target: textTarget(current.text, 0, 5),
    };
    // The last 20 saves only: the document stays the same size however many cycles run.
    const dropped = current.annotations.filter((other) => other.id.startsWith('crash-') && Number(other.id.slice(6)) <= n - 20);
    // As the change log saves a claim: the annotation put, and those dropped removed (a journal append).
    const written = await store.putAnnotations(documentId, [
      ...dropped.map((other) => ({ annotationId: other.id, annotation: undefined })),
      { annotationId: annotation.id, annotation },
    ]);
    if (!written.ok) throw new Error(written.error.message);
    ack(n);
  }
} else if (mode === 'import' && target) {
  const store = await FolderStore.open(target);
  const changes = new ChangeLog(store, {
    documentsChanged: new Emitter(),
    annotationsChanged: new Emitter(),
    historyChanged: new Emitter(),
    codebookChanged: () => undefined,
    evidenceChanged: new Emitter(),
  });
  const template = store.documents[0]!;
  const start = Math.max(0, ...store.documents.map((document) => Number(/^crash-(\d+)-/.exec(document.meta.title)?.[1] ?? -1) + 1));
  for (let n = start; ; n++) {
    const documents = Array.from({ length: 20 }, (_, index) => {
      const file = { ...template, meta: { ...template.meta, id: randomUUID(), title: `crash-${n}-${index}` } };
      return { documentId: file.meta.id, before: undefined, after: file };
    });
    const written = await changes.exclusive(() => changes.commit({ label: `Import ${n}`, annotations: [], documents }));
    if (!written.ok) throw new Error(written.error.message);
    ack(n);
  }
} else if (mode === 'plain' && target) {
  // Made once: each round is all writing (truncate, then 16 MB), so a kill lands inside a write.
  const bytes = Buffer.from(JSON.stringify({ padding: 'x'.repeat(16_000_000) }));
  for (let n = 0; ; n++) {
    await writeFile(target, bytes);
    ack(n);
  }
} else {
  throw new Error('usage: crash-writer.ts durable WORKSPACE DOCUMENT-ID | import WORKSPACE | plain FILE');
}
