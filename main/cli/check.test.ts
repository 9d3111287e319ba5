// `claimbench check` as a user runs it, and what opening a workspace does with damaged files:
// byte flips, truncations, empty and NUL-filled files, BOMs, null, [], __proto__ keys (fast-check)
// are each either read correctly or set aside and restored from a backup, with a message; never
// a crash, never a silent reset.
import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_SCHEMA_VERSION } from '../../core/model/stored-files.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { APP_ROOT, RESOURCES_DIR } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { DOCUMENTS_DIR, EVIDENCE_FILE, WORKSPACE_FILE } from '../store/workspace-layout.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';

function claimbench(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A sample workspace in which every file has been saved twice since it was made (so each has backups). */
async function savedWorkspace(dir: string): Promise<WorkspaceStore> {
  await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
  const store = await FolderStore.open(dir);
  for (const round of [1, 2]) {
    await store.updateWorkspace({ ...store.workspace, settings: { ...store.workspace.settings, analystName: `Analyst ${round}` } });
    await store.putEvidence(store.evidence);
    for (const document of store.documents)
      await store.putDocument({
        ...document,
        meta: { ...document.meta, title: `${document.meta.title.replace(/ \(\d\)$/, '')} (${round})` },
      });
  }
  await store.flush();
  return store;
}

describe('claimbench check', () => {
  it('says all is well (exit 0), repairs a damaged document from its backup (exit 1), and reports what it cannot repair (exit 2)', () =>
    withTempDir(async (dir) => {
      const store = await savedWorkspace(dir);
      const clean = claimbench('check', '--workspace', dir, '--json');
      expect(clean.code).toBe(0);
      expect(JSON.parse(clean.stdout.trim().split('\n').at(-1)!)).toMatchObject({ event: 'checked', problems: 0 });

      const document = store.documents[0]!;
      await writeFile(path.join(dir, DOCUMENTS_DIR, `${document.meta.id}.json`), '{"schemaVersion": 1, "meta"');
      await writeFile(
        path.join(dir, DOCUMENTS_DIR, `.${document.meta.id}.json.999999.00000000-0000-4000-8000-000000000000.tmp`),
        'half a write',
      );
      const repaired = claimbench('check', '--workspace', dir);
      expect(repaired.stderr).toBe('');
      expect(repaired.code).toBe(1);
      expect(repaired.stdout).toMatch(/1 temp file\(s\) left by a write that never finished — repaired: removed/);
      expect(repaired.stdout).toMatch(
        new RegExp(`documents/${document.meta.id}\\.json: .*was damaged.*— repaired: restored from its backup`),
      );
      expect((await FolderStore.open(dir)).document(document.meta.id)?.meta.title).toMatch(/\(1\)$/);

      const original = document.meta.originalHash;
      if (original !== undefined) {
        await writeFile(path.join(dir, 'originals', original), 'changed behind our back');
        const broken = claimbench('check', '--workspace', dir);
        expect(broken.code).toBe(2);
        expect(broken.stdout).toMatch(new RegExp(`originals/${original}: its content does not match its name .*— NOT repaired`));
      }
    }));

  it('refuses a folder that is not a workspace (exit 2)', () =>
    withTempDir(async (dir) => {
      const result = claimbench('check', '--workspace', dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/is not a Claimbench workspace/);
    }));
});

/** Whether `bytes` is JSON whose schemaVersion is above this version's. */
function newerFormat(bytes: Buffer): boolean {
  try {
    const version = (JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as { schemaVersion?: unknown } | null)?.schemaVersion;
    return typeof version === 'number' && version > WORKSPACE_SCHEMA_VERSION;
  } catch {
    return false;
  }
}

describe('opening a workspace whose files are damaged', () => {
  const damage = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.constantFrom(
      { kind: 'replace' as const, text: '' },
      { kind: 'replace' as const, text: '\0'.repeat(4096) },
      { kind: 'replace' as const, text: 'null' },
      { kind: 'replace' as const, text: '[]' },
      { kind: 'replace' as const, text: '{"__proto__": {"schemaVersion": 1}, "constructor": {"prototype": {"polluted": true}}}' },
      { kind: 'bom' as const },
    ),
  );

  it('reads each damaged file correctly, or sets it aside and restores its backup with a message; never a crash, never a silent reset', async () => {
    await withTempDir(async (dir) => {
      const store = await savedWorkspace(path.join(dir, 'ws'));
      const files = [WORKSPACE_FILE, EVIDENCE_FILE, ...store.documents.map((document) => `${DOCUMENTS_DIR}/${document.meta.id}.json`)];
      const pristine = new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(store.dir, file))] as const)));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...files), damage, async (file, change) => {
          const target = path.join(store.dir, file);
          for (const [name, bytes] of pristine) await writeFile(path.join(store.dir, name), bytes);
          const bytes = Buffer.from(pristine.get(file)!);
          const damaged =
            change.kind === 'flip'
              ? Buffer.from(bytes.map((byte, index) => (index === change.at % bytes.length ? byte ^ change.mask : byte)))
              : change.kind === 'truncate'
                ? bytes.subarray(0, change.at % bytes.length)
                : change.kind === 'bom'
                  ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])
                  : Buffer.from(change.text);
          await writeFile(target, damaged);
          // A damaged version number that reads as a newer format: such a file is left for that
          // version (a workspace.json refuses to open), untouched and said so, never reset.
          if (newerFormat(damaged)) {
            const opening = await FolderStore.open(store.dir).then(
              (opened) => opened.problems.map((problem) => problem.message).join('\n'),
              (error: unknown) => (error as Error).message,
            );
            expect(opening).toMatch(/written by a newer version of Claimbench/);
            expect(await readFile(target)).toEqual(damaged);
            return;
          }
          const opened = await FolderStore.open(store.dir);
          expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
          const reported = opened.problems.filter((problem) => problem.message.startsWith(file));
          const intact = (await readFile(target)).equals(damaged);
          if (reported.length === 0) {
            // Read as it was: the file is untouched, and its content is what the store holds.
            expect(intact).toBe(true);
          } else {
            // Set aside whole, and the backup (the version before the last save) put back.
            expect(reported).toEqual([{ code: 'restored', message: expect.stringContaining(`${file} was damaged`) }]);
            const aside = (await readdir(path.dirname(target))).filter((name) => name.startsWith(`${path.basename(file)}.corrupt-`));
            expect(aside.length).toBeGreaterThan(0);
            expect(await readFile(path.join(path.dirname(target), aside.at(-1)!))).toEqual(damaged);
          }
          // Nothing is lost: every document is there, and a restored file holds its last good version.
          expect(opened.documents).toHaveLength(store.documents.length);
          if (reported.length > 0 && file === WORKSPACE_FILE) expect(opened.workspace.settings.analystName).toBe('Analyst 1');
          if (reported.length > 0 && file === EVIDENCE_FILE) expect(opened.evidence).toEqual(store.evidence);
        }),
        { numRuns: 60 },
      );
    });
  }, 120_000);
});
