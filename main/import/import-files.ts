// The import pipeline: for each file, check its size, read it, extract its text, and store the
// original and the document. Files go one at a time; a file that fails is reported with its
// reason and the rest go on; a document is stored whole or not at all.
import { createHash, randomUUID } from 'node:crypto';
import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { annotationsWithEvidence } from '../../core/evidence/references.ts';
import { DocumentMeta, type DocumentFormat, type MarkdownMode } from '../../core/model/document.ts';
import { codePointIndex } from '../../core/text/code-points.ts';
import { WORKSPACE_SCHEMA_VERSION, type DocumentFile } from '../../core/model/stored-files.ts';
import { readHeld } from '../store/document-holds.ts';
import type { DocumentHead, WorkspaceStore } from '../store/workspace-store.ts';
import { extractBytes, readWithinLimit } from './extract-file.ts';
import { newVersion } from './new-version.ts';
import type { ImportOutcome, ImportProgress } from '../../core/model/import.ts';
import { DEFAULT_LIMITS, type Extracted, type Extractor, type ImportLimits } from './extract-types.ts';

export type { ImportOutcome, ImportProgress };

/** A file to import: its bytes are read only once its size has passed the cap. */
export interface ImportSource {
  readonly name: string;
  /** Where it came from, recorded as the document's `importedFrom` (a path or a URL). */
  readonly origin: string;
  readonly size: number;
  /** A title chosen by the analyst, over the one the extractor finds. */
  readonly title?: string;
  /** The id of the document this file is a new version of (chosen by the analyst). */
  readonly versionOf?: string;
  /** How a Markdown file becomes text, chosen for this file (over `ImportOptions.markdown`). */
  readonly markdown?: MarkdownMode;
  read(): Promise<Uint8Array>;
}

export interface ImportOptions {
  readonly extractors: Readonly<Record<DocumentFormat, Extractor>>;
  readonly limits?: ImportLimits;
  readonly signal?: AbortSignal;
  /**
   * How a Markdown file becomes text when its source does not say (default: plain text). A new
   * version of a Markdown document is read as that document was.
   */
  readonly markdown?: MarkdownMode;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Called once per file, as soon as its outcome is known (an imported document is on disk). */
  readonly onOutcome?: (outcome: ImportOutcome) => void;
  readonly now?: () => Date;
}

/** An ImportSource for a file on disk. */
export async function fileSource(filePath: string): Promise<ImportSource> {
  const absolute = path.resolve(filePath);
  const info = await stat(absolute);
  if (!info.isFile()) throw Object.assign(new Error(`${filePath} is not a file`), { code: 'EISDIR' });
  return { name: path.basename(absolute), origin: absolute, size: info.size, read: async () => new Uint8Array(await readFile(absolute)) };
}

/** Documents being written at once while the next files are read and extracted. */
export const WRITES_IN_FLIGHT = 8;

/**
 * Imports the sources in order. While documents are being written (up to WRITES_IN_FLIGHT side by
 * side, so their files are fsynced together and the folders they share once for several: see
 * store/folder-sync.ts), the next file is already read and extracted (CPU work overlapping disk
 * work). A file counts as imported only once its document is on disk. A file waits for the writes
 * it depends on: its twin (same bytes or same text), a page from the same address, or an earlier
 * new version of the same document.
 */
export async function importSources(
  store: WorkspaceStore,
  sources: readonly ImportSource[],
  options: ImportOptions,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  let settled = 0;
  const report = (current?: string) =>
    options.onProgress?.({ total: sources.length, done: settled, current, outcomes: outcomes.slice(0, settled) });
  const settle = (index: number, outcome: ImportOutcome) => {
    outcomes[index] = outcome;
    options.onOutcome?.(outcome);
    while (outcomes[settled] !== undefined) settled++;
  };
  // What the writes under way store, by key (`hash:`, `url:`, `document:`), so that what depends on one waits for it.
  const busy = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  let lastTime = 0;
  for (const [index, source] of sources.entries()) {
    report(source.name);
    const prepared = await prepare(store, source, options, (key) => busy.get(key));
    if ('status' in prepared) {
      settle(index, prepared);
      continue;
    }
    if (prepared.versionOf !== undefined) await busy.get(`document:${prepared.versionOf.meta.id}`);
    while (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight);
    const now = importTime(store, options.now?.() ?? new Date(), lastTime);
    lastTime = now.getTime();
    const write = commit(store, prepared, now).then((outcome) => settle(index, outcome));
    const keys = [`hash:${prepared.originalHash}`, `hash:${prepared.textHash}`];
    if (prepared.extracted.sourceUrl !== undefined) keys.push(`url:${prepared.extracted.sourceUrl}`);
    if (prepared.versionOf !== undefined) keys.push(`document:${prepared.versionOf.meta.id}`);
    for (const key of keys) busy.set(key, write);
    inFlight.add(write);
    void write.finally(() => {
      inFlight.delete(write);
      for (const [key, value] of busy) if (value === write) busy.delete(key);
    });
  }
  await Promise.all(inFlight);
  report();
  return outcomes;
}

/** A file read and extracted, ready to be stored. */
interface Prepared {
  readonly source: ImportSource;
  readonly bytes: Uint8Array;
  readonly extracted: Extracted;
  readonly originalHash: string;
  readonly textHash: string;
  /** The document this file is a new version of: chosen, or the one with the same source URL. */
  readonly versionOf?: DocumentFile;
}

/**
 * Reads and extracts one file, or says why not. `pendingWrite(key)` is the write in flight that
 * stores that content (`hash:`) or a page from that address (`url:`), so a twin right behind it
 * waits and is then found as a duplicate, and a page saved again becomes a new version.
 */
async function prepare(
  store: WorkspaceStore,
  source: ImportSource,
  options: ImportOptions,
  pendingWrite: (key: string) => Promise<void> | undefined,
): Promise<Prepared | ImportOutcome> {
  const known = async (hash: string, key: 'originalHash' | 'textHash') => {
    await pendingWrite(`hash:${hash}`);
    return store.findDocument(key, hash);
  };
  const limits = options.limits ?? DEFAULT_LIMITS;
  const { name } = source;
  const rejected = (code: Extract<ImportOutcome, { status: 'rejected' }>['code'], message: string): ImportOutcome => ({
    status: 'rejected',
    name,
    code,
    message,
  });
  if (options.signal?.aborted) return rejected('cancelled', 'not imported: the import was cancelled');
  const chosen = source.versionOf === undefined ? undefined : await readHeld(store, source.versionOf);
  if (source.versionOf !== undefined && chosen === undefined)
    return rejected('not-found', 'the document to update is no longer in the workspace');
  const read = await readWithinLimit(source, limits);
  if (!read.ok) return rejected(read.error.code, read.error.message);
  const bytes = read.value;
  const originalHash = sha256(bytes);
  const sameFile = await known(originalHash, 'originalHash');
  if (sameFile) return duplicate(name, sameFile);

  const markdown = source.markdown ?? (chosen?.meta.format === 'markdown' ? (chosen.meta.markdown ?? 'source') : options.markdown);
  const result = await extractBytes(name, bytes, { extractors: options.extractors, limits, signal: options.signal, markdown });
  if (!result.ok) return rejected(result.error.code, result.error.message);
  const extracted = result.value;

  const textHash = sha256(new TextEncoder().encode(extracted.text));
  const sameText = await known(textHash, 'textHash');
  if (sameText) return duplicate(name, sameText);
  if (options.signal?.aborted) return rejected('cancelled', 'not imported: the import was cancelled');
  // A page saved again from the same address is a new version of the one already here (or being written).
  if (extracted.sourceUrl !== undefined) await pendingWrite(`url:${extracted.sourceUrl}`);
  const sameUrl = extracted.sourceUrl === undefined ? undefined : await store.findDocument('sourceUrl', extracted.sourceUrl);
  const versionOf = chosen ?? (sameUrl && (await readHeld(store, sameUrl.id)));
  return {
    source,
    bytes,
    extracted: source.title ? { ...extracted, title: source.title } : extracted,
    originalHash,
    textHash,
    ...(versionOf ? { versionOf } : {}),
  };
}

async function commit(
  store: WorkspaceStore,
  { source, bytes, extracted, originalHash, textHash, versionOf }: Prepared,
  now: Date,
): Promise<ImportOutcome> {
  const { name } = source;
  const kept = await store.saveOriginal(originalHash, bytes);
  if (!kept.ok) return { status: 'rejected', name, code: 'write-failed', message: kept.error.message };
  if (versionOf !== undefined) {
    // The document may have changed since prepare (an edit): update what is there now.
    const previous = (await readHeld(store, versionOf.meta.id)) ?? versionOf;
    const keptText = await store.saveVersionText(previous.meta.textHash, previous.text);
    if (!keptText.ok) return { status: 'rejected', name, code: 'write-failed', message: keptText.error.message };
    const withEvidence = annotationsWithEvidence(store.evidence, previous.meta.id);
    const { file, anchors } = newVersion({
      previous,
      extracted,
      withEvidence,
      provenance: { name, origin: source.origin, originalHash, textHash, now },
    });
    const written = await store.putDocument(file);
    if (!written.ok) return { status: 'rejected', name, code: 'write-failed', message: written.error.message };
    return {
      status: 'updated',
      name,
      documentId: file.meta.id,
      title: file.meta.title,
      format: extracted.format,
      ...lengthOf(file.text),
      anchors,
    };
  }
  const file = documentFile(extracted, { name, origin: source.origin, originalHash, textHash, now });
  const written = await store.putDocument(file);
  if (!written.ok) return { status: 'rejected', name, code: 'write-failed', message: written.error.message };
  return {
    status: 'imported',
    name,
    documentId: file.meta.id,
    title: file.meta.title,
    format: extracted.format,
    ...lengthOf(extracted.text),
  };
}

/** A text's length in code points (`characters`) and in UTF-16 code units. */
function lengthOf(text: string): { characters: number; utf16Units: number } {
  return { characters: codePointIndex(text).codePointLength, utf16Units: text.length };
}

/**
 * Import times increase strictly, so the library keeps the order in which files were imported:
 * after every document in the store and `previous` (the last given to a write still under way).
 */
function importTime(store: WorkspaceStore, now: Date, previous: number): Date {
  // Every head, not the last: ISO times of other precisions ('…:00Z', '…:00.5Z') sort as strings apart from their times.
  let latest = previous;
  for (const { importedAt } of store.heads) latest = Math.max(latest, Date.parse(importedAt));
  return now.getTime() > latest ? now : new Date(latest + 1);
}

function duplicate(name: string, existing: DocumentHead): ImportOutcome {
  return {
    status: 'duplicate',
    name,
    documentId: existing.id,
    title: existing.title,
    message: `already in the workspace as "${existing.title}"`,
  };
}

interface Provenance {
  readonly name: string;
  readonly origin: string;
  readonly originalHash: string;
  readonly textHash: string;
  readonly now: Date;
}

function documentFile(extracted: Extracted, { name, origin, originalHash, textHash, now }: Provenance): DocumentFile {
  const fallbackTitle = path.basename(name, path.extname(name)) || name;
  // Metadata from a file is a suggestion: a field that does not fit the schema is left out, not fatal.
  const valid = <K extends keyof typeof DocumentMeta.shape>(key: K, value: unknown) =>
    value !== undefined && DocumentMeta.shape[key].safeParse(value).success ? (value as string) : undefined;
  const meta = DocumentMeta.parse({
    id: randomUUID(),
    title: (extracted.title?.trim() || fallbackTitle).slice(0, 1000),
    role: 'claim',
    outlet: (extracted.outlet ?? '').slice(0, 500),
    author: (extracted.author ?? '').slice(0, 500),
    publishedAt: valid('publishedAt', extracted.publishedAt),
    sourceUrl: valid('sourceUrl', extracted.sourceUrl),
    language: valid('language', extracted.language),
    format: extracted.format,
    importedAt: now.toISOString(),
    importedFrom: origin.slice(0, 4096),
    textHash,
    originalHash,
    originalName: name.slice(0, 1000),
    ...(extracted.markdown ? { markdown: extracted.markdown } : {}),
    tags: [],
  });
  const structure = {
    ...(extracted.pages?.length ? { pages: [...extracted.pages] } : {}),
    ...(extracted.headings?.length ? { headings: [...extracted.headings] } : {}),
  };
  return { schemaVersion: WORKSPACE_SCHEMA_VERSION, meta, text: extracted.text, annotations: [], structure, versions: [] };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
