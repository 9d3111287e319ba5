// Holds a workspace's lock until it is killed, like any process that has the workspace open
// (main/store/workspace-lock.test.ts). Prints "locked" once it holds it.
//   node tests/support/hold-lock.ts WORKSPACE
import { writeFileSync } from 'node:fs';
import { RESOURCES_DIR } from '../../main/app-paths.ts';
import { openOrCreateWorkspace } from '../../main/workspace/open-workspace.ts';

const [workspace] = process.argv.slice(2);
if (workspace === undefined) throw new Error('usage: hold-lock.ts WORKSPACE');
await openOrCreateWorkspace(workspace, { resourcesDir: RESOURCES_DIR, lock: 'a test holder' });
writeFileSync(1, 'locked\n');
process.once('SIGINT', () => process.exit(0));
setInterval(() => undefined, 60_000);
