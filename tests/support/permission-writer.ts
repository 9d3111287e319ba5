// Saves into a workspace it may not be allowed to write to (main/store/disk-faults.test.ts runs it
// as an unprivileged user, since root ignores file permissions): one save, whose outcome it prints
// as a JSON line; then, after a line on stdin (the folder made writable meanwhile), another.
//   node tests/support/permission-writer.ts WORKSPACE
import { createInterface } from 'node:readline';
import { FolderStore } from '../../main/store/folder-store.ts';

const [workspace] = process.argv.slice(2);
if (workspace === undefined) throw new Error('usage: permission-writer.ts WORKSPACE');
const store = await FolderStore.open(workspace);
const id = store.documents[0]!.meta.id;
const rename = async (title: string) => {
  const current = store.document(id)!;
  const saved = await store.putDocument({ ...current, meta: { ...current.meta, title } });
  return {
    saved: saved.ok ? 'ok' : saved.error,
    titleInMemory: store.document(id)!.meta.title,
    saveState: store.currentSaveState.lastError?.message,
  };
};
process.stdout.write(`${JSON.stringify(await rename('Renamed without permission'))}\n`);
const lines = createInterface({ input: process.stdin });
for await (const _line of lines) break;
process.stdout.write(`${JSON.stringify(await rename('Renamed with permission'))}\n`);
process.exit(0);
