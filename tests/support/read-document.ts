// How tests read a document from a store: held for the read, copied, and released, as product code
// must hold before it reads (main/store/document-holds.ts). The team suite opens its PostgreSQL
// stores in strict mode, where a read without a hold throws; the copy keeps what a test looks at
// from changing under it after the hold is released.
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { withHeld } from '../../main/store/document-holds.ts';
import { everyDocument } from '../../main/store/tally.ts';
import type { WorkspaceStore } from '../../main/store/workspace-store.ts';

/** Document `id` as `store` has it now (a copy), or undefined when there is none. */
export function readDocument(store: Pick<WorkspaceStore, 'hold' | 'document'>, id: string): Promise<DocumentFile | undefined> {
  return withHeld(store, [id], () => {
    const file = store.document(id);
    return file === undefined ? undefined : structuredClone(file);
  });
}

/** Every document of `store` now (copies), in library order: what a test compares, read as a whole-workspace read is. */
export async function readEveryDocument(store: Pick<WorkspaceStore, 'eachDocument'>): Promise<DocumentFile[]> {
  return (await everyDocument(store)).map((file) => structuredClone(file));
}
