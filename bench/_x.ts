import { WorkspaceStore } from '../main/store/workspace-store.ts';
import { bundleEntryPlan } from '../main/bundle/bundle-contents.ts';
const store = await WorkspaceStore.open('/tmp/bprof/ws');
const plan = await bundleEntryPlan(store, { originals: false, generatedAt: '2026-12-01T00:00:00.000Z' });
for await (const entry of plan.entries) void entry;
