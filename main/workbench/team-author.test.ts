// On a team server the member at work, not the workspace's "Your name" setting, is the author of
// what they make and export (author.ts): a bundle's creator and its signer are the member.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { readBundle } from '../bundle/read-bundle.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { runAs, type Actor } from '../team/actor.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService } from './workbench-service.ts';

const ben: Actor = { userId: 'u-ben', name: 'Ben Okafor', role: 'reviewer' };

describe('the author on a team server', () => {
  it('a bundle exported by a member is created and signed by that member', { timeout: 60_000 }, () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
      const service = createWorkbenchService(store, { extractors: EXTRACTORS, keysDir: path.join(dir, 'keys') });
      try {
        expect((await service.updateSettings({ analystName: 'The desk' })).ok).toBe(true);
        const exported = await runAs(ben, () => service.exportBundle('export-1', { format: 'bundle', originals: false, sign: true }));
        if (!exported.ok) throw new Error(exported.error.message);
        const read = await readBundle(service.exports.get(exported.value.downloadId)!.path);
        if (!read.ok) throw new Error(read.error.message);
        expect(read.value.manifest.creator).toBe('Ben Okafor');
        expect(read.value.signature).toMatchObject({ state: 'valid', signer: 'Ben Okafor' });

        // Outside a team server the setting names the analyst, as before.
        const own = await service.exportBundle('export-2', { format: 'bundle', originals: false, sign: false });
        if (!own.ok) throw new Error(own.error.message);
        const ownRead = await readBundle(service.exports.get(own.value.downloadId)!.path);
        expect(ownRead.ok && ownRead.value.manifest.creator).toBe('The desk');
      } finally {
        await service.dispose();
      }
    }),
  );
});
