// Where each part of a workspace lives inside its folder. The JSON records (workspace.json,
// evidence.json, archive.json, documents/<id>.json) are whole-file lowdb records written durably; each document's
// claim changes since it was last written whole are appended to documents/<id>.jsonl; imported files
// and earlier versions' texts are content-addressed blobs. docs/storage.md has the whole picture.

export const WORKSPACE_FILE = 'workspace.json';
/** Links and claims: they join documents, so they live beside them, not in one of them. */
export const EVIDENCE_FILE = 'evidence.json';
/** The fact-check archive: already-checked claims imported from feeds (main/archive/). */
export const ARCHIVE_FILE = 'archive.json';
export const DOCUMENTS_DIR = 'documents';
/** Imported files as they came, named by their SHA-256. */
export const ORIGINALS_DIR = 'originals';
/** Texts of earlier document versions, named by their SHA-256. */
export const TEXTS_DIR = 'texts';
/** Earlier versions of every JSON file (durable-file.ts), under the file's own path. */
export const BACKUPS_DIR = '.backups';

/** A document's file, relative to the workspace: its key in the write queue, and its name in messages. */
export function documentPath(id: string): string {
  return `${DOCUMENTS_DIR}/${id}.json`;
}

/** The search index (main/search/): derived data, rebuilt from the records above when missing or stale; safe to delete. */
export const SEARCH_INDEX_DIR = 'index';
