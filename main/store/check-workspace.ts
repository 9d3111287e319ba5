// Checking a workspace, like fsck: every file read and validated (a damaged one set aside and its
// newest good backup restored, as opening does), stale temp files removed, and then what opening
// does not look at: every original and earlier text hashing to its name, every document's text to
// its textHash, every document's original and earlier texts present, every annotation's tags in
// the codebook, every link and claim mention pointing at an annotation that exists. It says what it
// found and what it did.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { refKey } from '../../core/model/evidence.ts';
import { FolderStore } from './folder-store.ts';
import type { WorkspaceStore } from './workspace-store.ts';
import { ORIGINALS_DIR, TEXTS_DIR } from './workspace-layout.ts';
import { removeStaleTemps } from './open-store.ts';

export interface CheckFinding {
  /** The file, relative to the workspace. */
  readonly file: string;
  readonly problem: string;
  /** What was done about it; absent when nothing could be. */
  readonly repaired?: string;
}

export interface CheckReport {
  readonly findings: readonly CheckFinding[];
  /** Files read and checked. */
  readonly checked: number;
  /** 0 all was well, 1 problems found and all repaired, 2 something could not be repaired. */
  readonly exitCode: 0 | 1 | 2;
  /** Files taken from an older format to the current one (not a problem: the old versions are backups). */
  readonly migrated: readonly { readonly file: string; readonly from: number }[];
}

/**
 * Checks (and where it can, repairs) the workspace in `dir`. The caller holds its lock.
 * @example const report = await checkWorkspace(dir); process.exitCode = report.exitCode;
 */
export async function checkWorkspace(dir: string): Promise<CheckReport> {
  const findings: CheckFinding[] = [];
  const temps = await removeStaleTemps(dir);
  if (temps > 0) findings.push({ file: '.', problem: `${temps} temp file(s) left by a write that never finished`, repaired: 'removed' });

  const store = await FolderStore.open(dir);
  for (const problem of store.problems) {
    const file = problem.message.split(/[: ]/)[0] ?? '?';
    if (problem.code === 'restored')
      findings.push({ file, problem: problem.message, repaired: 'restored from its backup (the damaged copy set aside)' });
    else findings.push({ file, problem: problem.message });
  }

  const consistency = await checkStore(store);
  findings.push(...consistency.findings);

  const checked = 3 + 1 /* archive.json */ + store.heads.length + consistency.blobs;
  const exitCode = findings.length === 0 ? 0 : findings.every((finding) => finding.repaired !== undefined) ? 1 : 2;
  await store.close();
  return { findings, checked, exitCode, migrated: store.migratedFiles };
}

/**
 * What opening a workspace does not look at (see the module comment), for an open store: what the
 * app runs in the background once a workspace is open, and `checkWorkspace` after opening. Finds,
 * never repairs. `blobs`: the originals and earlier texts hashed.
 */
export async function checkStore(store: WorkspaceStore): Promise<{ findings: CheckFinding[]; blobs: number }> {
  const findings: CheckFinding[] = [];
  const dir = store.dir;
  const tags = new Set(store.workspace.codebook.tags.map((tag) => tag.id));
  const statuses = new Set(store.workspace.settings.statuses.map((status) => status.id));
  const annotations = new Set<string>();
  const originals = await blobNames(dir, ORIGINALS_DIR);
  const texts = await blobNames(dir, TEXTS_DIR);
  for await (const document of store.eachDocument()) {
    const file = `documents/${document.meta.id}.json`;
    for (const annotation of document.annotations) {
      annotations.add(refKey({ documentId: document.meta.id, annotationId: annotation.id }));
      const unknown = annotation.tags.filter((tag) => !tags.has(tag));
      if (unknown.length > 0)
        findings.push({ file, problem: `annotation ${annotation.id} has tags the codebook lacks: ${unknown.join(', ')}` });
      if (!statuses.has(annotation.status))
        findings.push({
          file,
          problem: `annotation ${annotation.id} has the status "${annotation.status}", which the workspace does not define`,
        });
    }
    const textHash = createHash('sha256').update(document.text, 'utf8').digest('hex');
    if (textHash !== document.meta.textHash)
      findings.push({ file, problem: `its text does not hash to its textHash (${textHash}): the text or the hash was changed` });
    if (document.meta.originalHash !== undefined && !originals.has(document.meta.originalHash))
      findings.push({ file, problem: `its imported file originals/${document.meta.originalHash} is missing` });
    for (const version of document.versions) {
      if (!texts.has(version.textHash))
        findings.push({ file, problem: `the text of its version of ${version.importedAt}, texts/${version.textHash}, is missing` });
    }
  }
  for (const link of store.evidence.links) {
    for (const end of [link.from, link.to])
      if (!annotations.has(refKey(end)))
        findings.push({
          file: 'evidence.json',
          problem: `link ${link.id} points at annotation ${end.annotationId} of document ${end.documentId}, which does not exist`,
        });
  }
  for (const claim of store.evidence.claims) {
    for (const mention of claim.mentions)
      if (!annotations.has(refKey(mention)))
        findings.push({
          file: 'evidence.json',
          problem: `claim ${claim.id} mentions annotation ${mention.annotationId} of document ${mention.documentId}, which does not exist`,
        });
  }
  for (const [folder, names] of [
    [ORIGINALS_DIR, originals],
    [TEXTS_DIR, texts],
  ] as const) {
    for (const name of names) {
      const actual = await sha256Of(path.join(dir, folder, name));
      if (actual !== name)
        findings.push({
          file: `${folder}/${name}`,
          problem: `its content does not match its name (SHA-256 ${actual}): it was changed or damaged`,
        });
    }
  }

  return { findings, blobs: originals.size + texts.size };
}

async function blobNames(dir: string, folder: string): Promise<Set<string>> {
  const names = await readdir(path.join(dir, folder)).catch(() => [] as string[]);
  return new Set(names.filter((name) => /^[0-9a-f]{64}$/.test(name)));
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}
