// The layer rules are lint rules; this proves they fire on the imports they exist to stop.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function ruleIdsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

describe('layer rules', () => {
  it.each([
    ['core/model/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['core/model/x.ts', "import { readFile } from 'node:fs/promises';\nexport const a = readFile;"],
    ['core/model/x.ts', "import fs from 'fs';\nexport const a = fs;"],
    ['core/model/x.ts', "import { Low } from 'lowdb';\nexport const a = Low;"],
    ['core/model/x.ts', "import { useState } from 'react';\nexport const a = useState;"],
    ['core/model/x.ts', "import * as m from 'monaco-editor/editor/editor.api';\nexport const a = m;"],
    ['core/model/x.ts', "import { RENDERER_DIR } from '../../main/app-paths.ts';\nexport const a = RENDERER_DIR;"],
    ['renderer/src/x.ts', "import { RENDERER_DIR } from '../../main/app-paths.ts';\nexport const a = RENDERER_DIR;"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;"],
    ['main/web/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['main/workbench/x.ts', "import { Low } from 'lowdb';\nexport const a = Low;"],
    // Inside main/, one direction: store ← import, bundle, export ← workbench ← rpc, web, cli, electron.
    [
      'main/store/x.ts',
      "import { createWorkspace } from '../workspace/create-workspace.ts';\nimport { importSources } from '../import/import-files.ts';\nexport const a = [createWorkspace, importSources];",
    ],
    ['main/bundle/x.ts', "import { ChangeLog } from '../workbench/change-log.ts';\nexport const a = ChangeLog;"],
    ['main/import/formats/x.ts', "import { ChangeLog } from '../../workbench/change-log.ts';\nexport const a = ChangeLog;"],
    ['main/workbench/x.ts', "import { dispatch } from '../rpc/dispatch.ts';\nexport const a = dispatch;"],
    ['main/export/x.ts', "import { serve } from '../cli/serve.ts';\nexport const a = serve;"],
    ['main/archive/x.ts', "import { openWorkbench } from '../workbench/open-workbench.ts';\nexport const a = openWorkbench;"],
    ['main/store/x.ts', "import { app } from 'electron';\nexport const a = app;"],
  ])('%s may not: %s', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['core/model/x.ts', 'export const a = document.title;'],
    ['core/model/x.ts', 'export const a = window.location;'],
    ['core/model/x.ts', 'export const a = process.env;'],
    ['renderer/src/components/x.ts', "export const a = fetch('/api/listDocuments');"],
  ])('%s may not use the global in: %s', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('no-restricted-globals');
  });

  it.each([
    ['main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['main/index.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['preload/x.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;"],
    ['main/store/x.ts', "import { Low } from 'lowdb';\nexport const a = Low;"],
    ['main/workspace/x.ts', "import { WorkspaceStore } from '../store/workspace-store.ts';\nexport const a = WorkspaceStore;"],
    ['main/bundle/x.ts', "import { formatBytes } from '../import/import-files.ts';\nexport const a = formatBytes;"],
    ['main/workbench/x.ts', "import { startBundleExport } from '../bundle/export-job.ts';\nexport const a = startBundleExport;"],
    ['main/cli/x.ts', "import { openWorkbench } from '../workbench/open-workbench.ts';\nexport const a = openWorkbench;"],
    ['main/cli/x.ts', "import { importArchiveFiles } from '../archive/import-archive.ts';\nexport const a = importArchiveFiles;"],
    [
      'main/store/x.test.ts',
      "import { createWorkbenchService } from '../workbench/workbench-service.ts';\nexport const a = createWorkbenchService;",
    ],
    ['core/model/x.ts', "import { z } from 'zod';\nexport const a = z;"],
    ['renderer/src/api/x.ts', "export const a = fetch('/api/listDocuments');"],
  ])('%s may: %s', async (file, code) => {
    expect(await ruleIdsFor(file, code)).not.toContain('no-restricted-imports');
    expect(await ruleIdsFor(file, code)).not.toContain('no-restricted-globals');
  });
});
