// Importing fact-check files into a workspace's archive (archive.json): each file read whole and
// merged by id (core/archive/archive-merge.ts), then the archive written once. A file that cannot
// be read or parsed is refused with the reason and adds nothing; the others go on.
import { mergeArchive } from '../../core/archive/archive-merge.ts';
import type { ArchiveEntry } from '../../core/archive/entry.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { readArchiveFile, type ArchiveFormat } from './read-archive-file.ts';

export type ArchiveImportOutcome =
  | {
      readonly file: string;
      readonly status: 'imported';
      readonly format: ArchiveFormat;
      readonly added: number;
      readonly updated: number;
      readonly unchanged: number;
    }
  | {
      readonly file: string;
      readonly status: 'refused';
      readonly code: 'unreadable' | 'invalid' | 'write-failed';
      readonly message: string;
    };

/**
 * Imports `files` into the archive of `store`, in order (a later file's entry replaces an earlier
 * one's with the same id), and resolves once the archive is on disk; one outcome per file. When
 * the archive cannot be written, every file that was read is refused with the reason, and the
 * archive stays as it was.
 * @example const [outcome] = await importArchiveFiles(store, ['factcheck-feed.json']) // { status: 'imported', added: 120, … }
 */
export async function importArchiveFiles(store: WorkspaceStore, files: readonly string[]): Promise<ArchiveImportOutcome[]> {
  const outcomes: ArchiveImportOutcome[] = [];
  let entries: readonly ArchiveEntry[] = store.archive;
  let changed = false;
  for (const file of files) {
    const read = await readArchiveFile(file);
    if (!read.ok) {
      outcomes.push({ file, status: 'refused', code: read.error.code, message: read.error.message });
      continue;
    }
    const merged = mergeArchive(entries, read.value.entries);
    entries = merged.entries;
    changed ||= merged.added + merged.updated > 0;
    outcomes.push({
      file,
      status: 'imported',
      format: read.value.format,
      added: merged.added,
      updated: merged.updated,
      unchanged: merged.unchanged,
    });
  }
  if (!changed) return outcomes;
  const written = await store.putArchive(entries);
  if (written.ok) return outcomes;
  return outcomes.map((outcome) =>
    outcome.status === 'imported'
      ? { file: outcome.file, status: 'refused', code: 'write-failed', message: written.error.message }
      : outcome,
  );
}
