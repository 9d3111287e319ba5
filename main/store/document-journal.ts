// A document's journal: the annotation changes since its file was last written whole, one JSON
// line each, appended and fdatasynced (documents/<id>.jsonl). Saving a claim then costs one small
// append instead of rewriting the whole document (a 100-claim document is ~100 KB; the claim ~1 KB),
// and the save time no longer grows with the document. Every so many records the document is
// written whole again (durable-file.ts) and the journal starts over.
//
// A record is absolute: the ids of the document's annotations in order, and those annotations that
// are new or changed. The journal's first line names it (a UUID), and the document file names the
// journal that applies to it: when the file is written whole it names a new one, so a journal left
// by a crash before it was removed is recognised as stale and never replayed over the newer file.
// A last line cut short by a crash was never acknowledged (its fdatasync did not return) and is
// dropped; any other bad line makes the journal damaged, which the store sets aside and reports.
import { open, readFile, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { Annotation, AnnotationId } from '../../core/model/annotation.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { parseDocumentFile } from '../../core/model/stored-files.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { syncFolder } from './durable-file.ts';

/** Records after which the document is written whole again. */
export const JOURNAL_MAX_RECORDS = 256;
/** Journal bytes after which the document is written whole again. */
export const JOURNAL_MAX_BYTES = 2 * 1024 * 1024;

const JournalRecord = z.strictObject({ ids: z.array(AnnotationId), put: z.array(Annotation) });
/** The first line: which journal this is (the document file names the one that applies to it). */
const JournalHeader = z.strictObject({ journal: z.uuid() });
type JournalRecord = z.infer<typeof JournalRecord>;

export function journalPath(documentFile: string): string {
  return documentFile.replace(/\.json$/, '.jsonl');
}

/**
 * Checks what `record` puts, as the document's schema would (an annotation's quote must be at its
 * position in the text, unless it is an orphan), and applies it: the document it gives.
 */
export function applyRecord(document: DocumentFile, record: JournalRecord): Result<DocumentFile, 'invalid'> {
  const byId = new Map(document.annotations.map((annotation) => [annotation.id, annotation]));
  for (const annotation of record.put) {
    const { start, end, exact } = annotation.target;
    if (annotation.anchor.state !== 'orphaned' && (end > document.text.length || document.text.slice(start, end) !== exact)) {
      return fail('invalid', `annotation ${annotation.id}: its quote is not at [${start}, ${end}) of the text`);
    }
    byId.set(annotation.id, annotation);
  }
  if (new Set(record.ids).size !== record.ids.length) return fail('invalid', 'an annotation is listed twice');
  const annotations: Annotation[] = [];
  for (const id of record.ids) {
    const annotation = byId.get(id);
    if (annotation === undefined) return fail('invalid', `annotation ${id} is listed but not known`);
    annotations.push(annotation);
  }
  return ok({ ...document, annotations });
}

/** One record's line, as appended. */
export function recordLine(record: JournalRecord): Buffer {
  return Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
}

/** Appends `line` to an open journal, durably; resolves with the bytes appended. */
export async function appendLine(handle: FileHandle, line: Buffer): Promise<number> {
  await writeAll(handle, line);
  await handle.datasync();
  return line.length;
}

/**
 * `handle.write` may write part of a buffer and report success (a disk that fills up mid-write
 * does that): the rest is written until it is all there or a write fails.
 */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
}

/**
 * Starts the journal `journal` of the document file `file` with `line` as its first record: the
 * file is created (replacing a stale one), and its data and its name made durable together.
 * Resolves with the open journal and the bytes written.
 */
export async function createJournal(file: string, journal: string, line: Buffer): Promise<{ handle: FileHandle; bytes: number }> {
  const bytes = Buffer.concat([headerLine(journal), line]);
  const handle = await open(journalPath(file), 'w', 0o644);
  try {
    await writeAll(handle, bytes);
    // Both are needed for the record to survive a power cut; the file system commits them together.
    await Promise.all([handle.datasync(), syncFolder(path.dirname(file))]);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  return { handle, bytes: bytes.length };
}

/**
 * Puts an empty journal `journal` in place for the document file `file`, once the file naming it
 * is on disk (so the journal it replaces is stale: truncating it loses nothing), so that the next
 * save appends instead of creating a file (whose name costs a folder fsync then). A crash half-way
 * leaves a journal without a whole first line, which opening treats as stale.
 */
export async function prepareJournal(file: string, journal: string): Promise<void> {
  const handle = await open(journalPath(file), 'w', 0o644);
  try {
    await writeAll(handle, headerLine(journal));
    await Promise.all([handle.datasync(), syncFolder(path.dirname(file))]);
  } finally {
    await handle.close();
  }
}

/** Opens a prepared journal for appending. */
export function openJournalForAppend(file: string): Promise<FileHandle> {
  return open(journalPath(file), 'a');
}

function headerLine(journal: string): Buffer {
  return Buffer.from(`${JSON.stringify({ journal })}\n`, 'utf8');
}

export interface Replayed {
  readonly document: DocumentFile;
  readonly records: number;
  readonly bytes: number;
  /** The journal on disk belongs to an earlier writing of the file (a crash before it was removed): ignored, to be removed. */
  readonly stale: boolean;
  /** The journal on disk is the one the file names: saves append to it. */
  readonly present: boolean;
  /**
   * Its last line was cut short (a crash mid-append): nothing may be appended after it, or that
   * line would sit inside the journal and make the rest unreadable; the next save writes the
   * document whole instead.
   */
  readonly torn: boolean;
}

/**
 * `document` (as its file holds it) with its journal replayed. Fails with `invalid`, naming the
 * line, when a record other than a cut-short last one does not parse, fit or validate.
 */
export async function replayJournal(file: string, document: DocumentFile): Promise<Result<Replayed, 'invalid' | 'unreadable'>> {
  let text: string;
  try {
    text = await readFile(journalPath(file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return ok({ document, records: 0, bytes: 0, stale: false, present: false, torn: false });
    return fail('unreadable', `${path.basename(journalPath(file))}: ${(error as Error).message}`);
  }
  const lines = text.split('\n');
  // Text after the last newline is a record whose write never finished: never acknowledged.
  const complete = lines.slice(0, -1);
  const torn = lines.at(-1) !== '';
  if (complete.length === 0) return ok({ document, records: 0, bytes: Buffer.byteLength(text), stale: true, present: false, torn });
  let header: unknown;
  try {
    header = JSON.parse(complete[0]!);
  } catch {
    header = undefined;
  }
  const named = JournalHeader.safeParse(header);
  if (!named.success) return fail('invalid', 'its first line does not name the journal');
  if (named.data.journal !== document.journal)
    return ok({ document, records: 0, bytes: Buffer.byteLength(text), stale: true, present: false, torn });
  let current = document;
  for (const [index, line] of complete.slice(1).entries()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return fail('invalid', `line ${index + 2} of the journal does not parse`);
    }
    const record = JournalRecord.safeParse(parsed);
    if (!record.success)
      return fail('invalid', `line ${index + 2} of the journal is not a record: ${record.error.issues[0]?.message ?? 'invalid'}`);
    const applied = applyRecord(current, record.data);
    if (!applied.ok) return fail('invalid', `line ${index + 2} of the journal: ${applied.error.message}`);
    current = applied.value;
  }
  // No records: the document is its file, validated already.
  if (complete.length === 1) return ok({ document, records: 0, bytes: Buffer.byteLength(text), stale: false, present: true, torn });
  const whole = parseDocumentFile(current);
  if (!whole.success)
    return fail('invalid', `the journal gives a document that is not valid: ${whole.error.issues[0]?.message ?? 'invalid'}`);
  return ok({ document: whole.data, records: complete.length - 1, bytes: Buffer.byteLength(text), stale: false, present: true, torn });
}

/** Removes the journal once the document is written whole. */
export async function removeJournal(file: string): Promise<void> {
  await unlink(journalPath(file)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
