// `claimbench import-bundle FILE`: merges an annotated bundle into a workspace, after checking it
// whole. Conflicts (the same annotation, link or claim changed on both sides) are never settled
// silently: without --on-conflict the command lists them and writes nothing.
import { randomUUID } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { describeConflict, describeMergeSummary, type MergeConflict, type Resolution } from '../../core/bundle/bundle-merge.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { openWorkbench } from '../workbench/open-workbench.ts';
import type { WorkbenchHost } from '../workbench/workbench-service.ts';
import { resolveWorkspaceDir, userDataDir } from '../workspace/default-location.ts';
import { UsageError, type Output } from './output.ts';

export const IMPORT_BUNDLE_HELP = `Usage: claimbench import-bundle [--workspace DIR] [options] FILE

Merge an annotated bundle (.claimbundle) into a workspace. The whole bundle is
checked first (a safe archive, every file as its manifest says, every JSON file
against its schema); nothing is written unless all of it is good, and then all
of it is written or none.

Documents are matched by their text (the same text is the same document, whatever
its title); annotations by id within a document, links and claims by id. New ones
are added, identical ones skipped. The same id with different content on both
sides is a conflict: the command lists them and stops, unless --on-conflict says
what to do with all of them.

Exit codes: 0 merged, 1 the bundle was refused or could not be written, 3 there
are conflicts and no --on-conflict.

Options:
  --on-conflict mine|theirs|both  keep mine, take theirs, or keep both (theirs
                   under a new id) for every conflict
  --workspace DIR  the workspace folder (default: $CLAIMBENCH_WORKSPACE, else the
                   per-user app data folder); made, empty (no documents and no
                   tags but the bundle's), if it does not exist,
                   and removed again if the bundle is refused or nothing is imported
  --json           print one JSON object per event
  -h, --help       show this help`;

export interface ImportBundleOptions {
  readonly workspace?: string;
  readonly onConflict?: string;
  readonly files: readonly string[];
}

export async function importBundleCommand({ workspace, onConflict, files }: ImportBundleOptions, output: Output): Promise<number> {
  if (files.length !== 1) throw new UsageError('name one bundle to import');
  if (onConflict !== undefined && !['mine', 'theirs', 'both'].includes(onConflict))
    throw new UsageError(`--on-conflict must be mine, theirs or both, not "${onConflict}"`);
  const file = path.resolve(files[0]!);
  const dir = resolveWorkspaceDir(workspace);
  // Whether the folder is there before: a workspace made for an import that is refused is removed again.
  const existed = await readdir(dir).then(
    () => true,
    () => false,
  );
  // A workspace made for the import starts empty: the bundle fills it.
  const workbench = await openWorkbench(dir, {
    resourcesDir: RESOURCES_DIR,
    empty: true,
    // The bundle's tags, with their GUIDs, not the default ones (which would keep this workspace's GUIDs).
    withoutTags: true,
    lock: 'claimbench import-bundle',
    service: { extractors: EXTRACTORS, keysDir: path.join(userDataDir(), 'keys') },
  });
  let code = 1;
  try {
    code = await importInto(workbench.service, file, onConflict as Resolution | undefined, output);
    return code;
  } finally {
    await workbench.close();
    if (workbench.created && code !== 0) await unmake(dir, existed);
  }
}

/**
 * Undoes the creation of the workspace in `dir` when nothing was imported into it: the folder is
 * removed, or emptied when it was there (empty) before. Only files this command made are in it:
 * a folder with anything in it is refused, not made into a workspace (open-workspace.ts).
 */
async function unmake(dir: string, existed: boolean): Promise<void> {
  if (!existed) {
    await rm(dir, { recursive: true, force: true });
    return;
  }
  for (const entry of await readdir(dir)) await rm(path.join(dir, entry), { recursive: true, force: true });
}

/** Opens, reports and merges the bundle through the service, as the app's Import bundle… does. */
export async function importInto(
  service: WorkbenchHost,
  file: string,
  onConflict: Resolution | undefined,
  output: Output,
): Promise<number> {
  const jobId = `cli-${randomUUID()}`;
  const opened = await service.previewBundleFile(jobId, file);
  if (!opened.ok) {
    output.error(opened.error.code, `${file}: ${opened.error.message}`);
    return 1;
  }
  const preview = opened.value;
  try {
    const { signature } = preview;
    const signed =
      signature.state === 'valid'
        ? `signed by ${signature.signer}, valid`
        : signature.state === 'invalid'
          ? `signature invalid: ${signature.reason}`
          : 'not signed';
    output.report(
      'verified',
      `${file}: ${preview.files} files intact; workspace “${preview.workspace}” by ${preview.creator}, ${preview.createdAt}; ${signed}`,
      {
        path: file,
        files: preview.files,
        workspace: preview.workspace,
        creator: preview.creator,
        signature,
      },
    );
    if (signature.state === 'valid' && preview.signer !== undefined) {
      const said = {
        known: `you have met this key as ${signature.signer}'s before`,
        new: `you have not met this key before: compare ${signature.fingerprint.slice(0, 16)} with ${signature.signer} if it matters who made the bundle`,
        'other-key': `careful: ${signature.signer} signed with another key before`,
        'other-name': `careful: this key signed under another name before`,
      }[preview.signer.state];
      output.report('signer', `signer: ${said}`, { signer: preview.signer });
    }
    if (signature.state === 'invalid') {
      output.error('invalid-signature', `${file}: the signature does not match the bundle; nothing was imported`);
      return 1;
    }
    if (preview.conflicts.length > 0 && onConflict === undefined) {
      for (const conflict of preview.conflicts)
        output.report(
          'conflict',
          `conflict: ${describeConflict(conflict)} differs in ${conflict.differences.join(', ')}`,
          conflictData(conflict),
        );
      output.error('conflicts', `${preview.conflicts.length} conflict(s) and no --on-conflict: nothing was imported`);
      return 3;
    }
    const resolutions: Record<string, Resolution> = {};
    // "both" cannot apply to a link whose copy would repeat it: theirs replaces mine then (the only other way to take their version).
    for (const conflict of preview.conflicts) resolutions[conflict.key] = conflict.options.includes(onConflict!) ? onConflict! : 'theirs';
    // The same all-or-nothing path, undo step and signer bookkeeping as the app's.
    const applied = await service.applyBundleImport(preview.importId, resolutions);
    if (!applied.ok) {
      output.error(applied.error.code, applied.error.message);
      return 1;
    }
    output.report('imported', `Imported ${path.basename(file)}: ${describeMergeSummary(applied.value)}`, { summary: applied.value });
    return 0;
  } finally {
    await service.discardBundleImport(preview.importId);
  }
}

function conflictData(conflict: MergeConflict): Record<string, unknown> {
  return {
    kind: conflict.kind,
    key: conflict.key,
    id: conflict.id,
    documentId: conflict.documentId,
    differences: conflict.differences,
    options: conflict.options,
  };
}
