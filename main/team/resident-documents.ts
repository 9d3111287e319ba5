// The documents the PostgreSQL store has in memory (docs/design/on-demand-store.md §3.1): each one a
// file and its rows' versions (`known`, what the next write expects) kept and dropped together, never
// one without the other, so that a write is always compared against the versions of the file it was
// made from (§3.2). Documents nobody needs any more stay as a cache limited by bytes, the least
// recently used going first; the store says which may not go (held, staged, a write queued).
import type { DocumentFile } from '../../core/model/stored-files.ts';
import type { KnownDocument } from './pg-store-writes.ts';

/** What the store keeps of documents nobody holds, by default: about 750 documents of 85 KB. */
export const DEFAULT_RESIDENT_BYTES = 64 * 1024 * 1024;

interface Resident {
  readonly file: DocumentFile;
  readonly known: KnownDocument;
  readonly bytes: number;
}

/**
 * A document's size in memory, estimated rather than measured (§3.1): UTF-16 text, about 1.2 KB per
 * annotation as objects with its `known` entry, and the meta.
 */
export function estimatedBytes(file: DocumentFile): number {
  return 2 * file.text.length + 1_200 * file.annotations.length + 2_000;
}

export class ResidentDocuments {
  /** In the order they were last used, least recent first (a Map keeps insertion order). */
  private readonly entries = new Map<string, Resident>();
  private total = 0;
  private readonly budget: number;
  private readonly pinned: (id: string) => boolean;

  /** `budget`: bytes of unpinned documents kept; `pinned`: whether a document may not be evicted now. */
  constructor(budget: number, pinned: (id: string) => boolean) {
    this.budget = budget;
    this.pinned = pinned;
  }

  file(id: string): DocumentFile | undefined {
    return this.entries.get(id)?.file;
  }

  known(id: string): KnownDocument | undefined {
    return this.entries.get(id)?.known;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  ids(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** The estimated bytes of every resident document, pinned or not. */
  get bytes(): number {
    return this.total;
  }

  /** Keeps `file` and `known` for `id` together, as its most recently used. */
  put(id: string, file: DocumentFile, known: KnownDocument): void {
    this.drop(id);
    const bytes = estimatedBytes(file);
    this.entries.set(id, { file, known, bytes });
    this.total += bytes;
  }

  /** Replaces the file of a resident document, keeping its versions (a save made in memory before it commits). */
  setFile(id: string, file: DocumentFile): void {
    const entry = this.entries.get(id);
    if (entry !== undefined) this.put(id, file, entry.known);
  }

  /** Replaces the versions of a resident document, keeping its file (a save committed). */
  setKnown(id: string, known: KnownDocument): void {
    const entry = this.entries.get(id);
    if (entry !== undefined) this.entries.set(id, { ...entry, known });
  }

  drop(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.total -= entry.bytes;
  }

  /** Marks `id` as just used: it is evicted after every other unpinned document. */
  touch(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.entries.set(id, entry);
  }

  /** Evicts unpinned documents, least recently used first, until those left fit the budget; returns their ids. */
  trim(): string[] {
    if (this.total <= this.budget) return [];
    const unpinned: string[] = [];
    let unpinnedBytes = 0;
    for (const [id, entry] of this.entries)
      if (!this.pinned(id)) {
        unpinned.push(id);
        unpinnedBytes += entry.bytes;
      }
    const evicted: string[] = [];
    for (const id of unpinned) {
      if (unpinnedBytes <= this.budget) break;
      unpinnedBytes -= this.entries.get(id)!.bytes;
      this.drop(id);
      evicted.push(id);
    }
    return evicted;
  }
}
