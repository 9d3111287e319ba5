// Importing a .claimbundle into a workspace, in two steps. `prepareBundleImport` checks the whole
// bundle (a safe archive, every file as the manifest says, every JSON file against its schema) and
// plans the merge, writing nothing into the workspace; the analyst sees the plan and settles its
// conflicts. `planBundleImport` then makes the merge one change, which the service commits as one
// undo step, all or nothing: if any file cannot be written, everything already written is put back.
import { randomUUID } from 'node:crypto';
import { mergeArchive } from '../../core/archive/archive-merge.ts';
import path from 'node:path';
import { contentPaths, readBundleContent, type BundleContent, type TextLines } from '../../core/bundle/read-bundle-content.ts';
import type { BundleManifest } from '../../core/bundle/manifest.ts';
import {
  planMerge,
  resolveMerge,
  type MergePlan,
  type MergeSummary,
  type MergeTarget,
  type Resolution,
} from '../../core/bundle/bundle-merge.ts';
import { recorder } from '../../core/evidence/edits.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { withHeld } from '../store/document-holds.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { quoted } from '../../core/history/edit-labels.ts';
import type { Change } from '../../core/history/history.ts';
import type { WorkspaceSettings } from '../../core/model/workspace.ts';
import { loadBundle, type LoadedBundle } from './load-bundle.ts';
import type { OpenBundleOptions, ReadBundleCode } from './open-bundle.ts';
import { sha256Hex, type SignatureCheck } from './signing.ts';
import { hasByteOrderMark, utf8Lines, utf8Text } from './utf8-lines.ts';

export interface PreparedImport {
  readonly fileName: string;
  readonly manifest: BundleManifest;
  readonly signature: SignatureCheck;
  /** The merge as planned when the bundle was opened (applying plans it again, against the workspace as it is then). */
  readonly plan: MergePlan;
  /** Drops the bundle's files (and the temporary folder of its originals); idempotent. */
  dispose(): Promise<void>;
  /** The bundle's data, with its own ids. */
  readonly content: BundleContent;
  /** The loaded bundle, for the originals applying writes. */
  readonly bundle: LoadedBundle;
}

export type PrepareCode = ReadBundleCode | 'invalid';

/** The file read a line at a time. */
const ANNOTATIONS_PATH = 'annotations.jsonld';

function wholeText(lines: TextLines | undefined): string | undefined {
  return lines === undefined ? undefined : Array.from({ length: lines.count }, (_, index) => lines.line(index)).join('\n');
}

/**
 * Opens, verifies and reads the bundle at `file`, and plans its merge into `store`. The bundle's
 * originals stay until `dispose` (applying needs them); on failure nothing is left.
 * @example const prepared = await prepareBundleImport('/tmp/work.claimbundle', store); prepared.value.plan.conflicts
 */
export async function prepareBundleImport(
  file: string,
  store: WorkspaceStore,
  options: OpenBundleOptions = {},
): Promise<Result<PreparedImport, PrepareCode>> {
  // Only what readBundleContent reads is kept in memory; originals are staged; the rest is checked and dropped.
  const opened = await loadBundle(file, (wanted) => contentPaths([wanted]).length > 0, options);
  if (!opened.ok) return opened;
  const bundle = opened.value;
  try {
    const texts = new Map<string, string>();
    // Read a line at a time (utf8-lines.ts); as one text only for a file not in the export's layout.
    const lines = new Map<string, TextLines>();
    // The checked SHA-256 of each text read, where it is its text's: no text is hashed twice.
    const listedHashes = new Map(bundle.manifest.files.map((listed) => [listed.path, listed.sha256]));
    const textHashes = new Map<string, string>();
    let sliceStarted = performance.now();
    for (const wanted of contentPaths(bundle.paths)) {
      // The files are in memory, so nothing here waits: the host's thread is let go every 15 ms.
      if (performance.now() - sliceStarted > 15) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStarted = performance.now();
      }
      try {
        const bytes = await bundle.readFile(wanted);
        if (wanted === ANNOTATIONS_PATH) lines.set(wanted, utf8Lines(bytes));
        else texts.set(wanted, utf8Text(bytes));
        if (!hasByteOrderMark(bytes)) textHashes.set(wanted, listedHashes.get(wanted)!);
        bundle.drop(wanted);
      } catch {
        await bundle.dispose();
        return fail('invalid', `${wanted}: not valid UTF-8 text`);
      }
      if (options.signal?.aborted) {
        await bundle.dispose();
        return fail('cancelled', 'the import was cancelled');
      }
    }
    const content = await readBundleContent({
      paths: bundle.paths,
      text: (wanted) => texts.get(wanted) ?? wholeText(lines.get(wanted)),
      lines: (wanted) => lines.get(wanted),
      sha256Hex: (text) => sha256Hex(Buffer.from(text, 'utf8')),
      textHash: (wanted) => textHashes.get(wanted),
      // The host's thread serves windows meanwhile.
      pause: () => new Promise((resolve) => setImmediate(resolve)),
    });
    if (!content.ok) {
      await bundle.dispose();
      return content;
    }
    const plan = planMerge(await mergeTarget(store, content.value), content.value, randomUUID);
    return ok({
      fileName: path.basename(file),
      manifest: bundle.manifest,
      signature: bundle.signature,
      plan,
      content: content.value,
      bundle,
      dispose: () => bundle.dispose(),
    });
  } catch (error) {
    await bundle.dispose();
    return fail('invalid', `the bundle could not be read: ${(error as Error).message}`);
  }
}

/**
 * The workspace as a merge of `incoming` sees it. Its documents are only those the bundle's can
 * touch (docs/design/on-demand-store.md §2.2), in library order: the first with each incoming
 * document's text (planMerge matches by textHash, the first in library order), and those whose id an
 * incoming document has (a taken id). planMerge and resolveMerge look no other document up; a
 * new id (`newId`) colliding with a document not read is as unlikely as any UUID collision.
 */
export async function mergeTarget(store: WorkspaceStore, incoming: Pick<BundleContent, 'documents'>): Promise<MergeTarget> {
  const { codebook, settings } = store.workspace;
  const ids = new Set<string>();
  for (const file of incoming.documents) {
    const match = await store.findDocument('textHash', file.meta.textHash);
    if (match !== undefined) ids.add(match.id);
    if (store.head(file.meta.id) !== undefined) ids.add(file.meta.id);
  }
  const order = store.heads.filter(({ id }) => ids.has(id)).map(({ id }) => id);
  const documents = await withHeld(store, order, () => order.flatMap((id) => store.document(id) ?? []));
  return {
    documents,
    evidence: store.evidence,
    codebook,
    statuses: settings.statuses,
    verdictScale: settings.verdictScale,
    savedSearches: settings.savedSearches,
  };
}

/** A bundle's merge, ready to commit: the change (one undo step), the settings it needs first, and what it does. */
export interface BundleMerge {
  readonly change: Change;
  /** Statuses, verdict scale and saved searches the workspace must have before the change is written (kept if it fails: the service puts them back). */
  readonly settings?: WorkspaceSettings;
  readonly summary: MergeSummary;
}

/**
 * Plans the merge of a prepared bundle into `store` with the analyst's choice for every conflict,
 * as one change ("Import bundle …") for the service to commit. The merge is planned again first:
 * if the workspace changed since the bundle was opened so that a conflict has no choice, the
 * failure says which. Only content-addressed files (originals, earlier texts) are written here:
 * harmless if the change is then not made.
 */
export function planBundleImport(
  prepared: PreparedImport,
  resolutions: ReadonlyMap<string, Resolution>,
  store: WorkspaceStore,
): Promise<Result<BundleMerge, 'invalid' | 'write-failed'>> {
  return (async () => {
    const target = await mergeTarget(store, prepared.content);
    const plan = planMerge(target, prepared.content, randomUUID);
    const merged = resolveMerge(target, plan, resolutions, randomUUID);
    if (!merged.ok) return merged;
    const result = merged.value;

    // Blobs first: content-addressed, so one written for an import that then fails is harmless.
    const documents: DocumentFile[] = [];
    for (const { before, after } of result.documents) {
      if (before !== undefined) {
        documents.push(after);
        continue;
      }
      let file = after;
      const hash = after.meta.originalHash;
      if (hash !== undefined) {
        const saved = prepared.bundle.paths.includes(`originals/${hash}`)
          ? await store.saveOriginal(hash, await prepared.bundle.readFile(`originals/${hash}`))
          : undefined;
        if (saved !== undefined && !saved.ok) return saved;
        // Without its original (a bundle made without originals), the document must not point at one.
        if (saved === undefined && !(await store.hasOriginal(hash))) file = { ...after, meta: withoutOriginal(after.meta) };
      }
      for (const version of after.versions) {
        const text = plan.incoming.texts.get(version.textHash);
        if (text === undefined) continue;
        const saved = await store.saveVersionText(version.textHash, text);
        if (!saved.ok) return saved;
      }
      documents.push(file);
    }

    const before = store.workspace;
    const settingsChanged =
      result.statuses.length !== before.settings.statuses.length ||
      result.verdictScale.length !== before.settings.verdictScale.length ||
      result.savedSearches !== before.settings.savedSearches;
    const evidence = recorder(store.evidence);
    const links = new Map(store.evidence.links.map((link) => [link.id, link]));
    for (const link of result.evidence.links) if (links.get(link.id) !== link) evidence.link(link.id, link);
    const claims = new Map(store.evidence.claims.map((claim) => [claim.id, claim]));
    for (const claim of result.evidence.claims) if (claims.get(claim.id) !== claim) evidence.claim(claim.id, claim);
    const codebookChanged = result.codebook !== before.codebook;
    // Fact-checks merge by id, as a re-imported feed does: new ones added, changed ones updated.
    const archive = prepared.content.archive.length > 0 ? mergeArchive(store.archive, prepared.content.archive) : undefined;
    const archiveChanged = archive !== undefined && archive.added + archive.updated > 0;
    const befores = await withHeld(
      store,
      documents.map((file) => file.meta.id),
      () => documents.map((file) => ({ file, before: store.document(file.meta.id) })),
    );
    const change: Change = {
      label: `Import bundle ${quoted(prepared.manifest.workspace)}`,
      annotations: [],
      documents: befores.map(({ file, before }) => ({ documentId: file.meta.id, before, after: file })),
      ...(evidence.edits.length > 0 ? { evidence: evidence.edits } : {}),
      ...(codebookChanged ? { codebook: { before: before.codebook, after: result.codebook } } : {}),
      ...(archiveChanged ? { archive: { before: store.archive, after: archive.entries } } : {}),
    };
    return ok({
      change,
      summary:
        archive === undefined
          ? result.summary
          : { ...result.summary, archive: { added: archive.added, updated: archive.updated, unchanged: archive.unchanged } },
      ...(settingsChanged
        ? {
            settings: {
              ...before.settings,
              statuses: [...result.statuses],
              verdictScale: [...result.verdictScale],
              savedSearches: [...result.savedSearches],
            },
          }
        : {}),
    });
  })();
}

function withoutOriginal(meta: DocumentFile['meta']): DocumentFile['meta'] {
  const { originalHash: _hash, ...rest } = meta;
  return rest;
}

export type { MergeSummary, Resolution };
