import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { LOCK_FILE } from '../store/workspace-lock.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openWorkbench } from './open-workbench.ts';

describe('openWorkbench', () => {
  it('close() releases everything the workspace holds: the service, every open journal, the lock; twice is once', () =>
    withTempDir(async (dir) => {
      const workbench = await openWorkbench(path.join(dir, 'ws'), {
        resourcesDir: RESOURCES_DIR,
        lock: 'a test',
        service: { extractors: EXTRACTORS },
      });
      const { service, store } = workbench;
      expect(existsSync(path.join(store.dir, LOCK_FILE))).toBe(true);
      // Two saves per document: the first writes it whole, the second appends to its (now open) journal.
      for (const document of store.documents) {
        const first = document.annotations[0]!;
        for (const note of ['whole', 'journal'])
          expect((await service.updateAnnotation(document.meta.id, first.id, { note })).ok).toBe(true);
      }
      expect(store.openJournalCount).toBe(store.documents.length);
      await Promise.all([workbench.close(), workbench.close()]);
      expect(store.openJournalCount).toBe(0);
      expect(existsSync(path.join(store.dir, LOCK_FILE))).toBe(false);
    }));
});
