// The journals of a workspace's documents, as the store knows them: whether each can take an
// append now, and the open file handles of the documents edited most recently. The journal's file
// format is document-journal.ts's.
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ok } from '../../core/result.ts';
import {
  appendLine,
  createJournal,
  JOURNAL_MAX_BYTES,
  JOURNAL_MAX_RECORDS,
  openJournalForAppend,
  prepareJournal,
  removeJournal,
} from './document-journal.ts';
import type { WriteQueue } from './write-queue.ts';
import { documentPath } from './workspace-layout.ts';

/**
 * A document's journal. `ready`: the file on disk is the journal the document names, and a save
 * appends to it; `absent`: there is none (or only a stale one), and a save creates it; `preparing`:
 * an empty one is being put in place after the file was written whole; `unknown`: a write to it
 * failed part-way, so the next save writes the document whole.
 */
export interface JournalState {
  on: 'ready' | 'absent' | 'preparing' | 'unknown';
  /** The journal the document's file on disk names (document-journal.ts); none in files older than journals. */
  readonly name: string | undefined;
  records: number;
  bytes: number;
  /** Kept open while the document is being edited (at most MAX_OPEN_JOURNALS). */
  handle?: FileHandle;
}

/** Journals kept open at once: the documents edited most recently. */
const MAX_OPEN_JOURNALS = 32;

export class DocumentJournals {
  private readonly dir: string;
  private readonly queue: WriteQueue;
  private readonly states = new Map<string, JournalState>();
  /** Documents whose journal is open, least recently used first. */
  private readonly open = new Set<string>();

  constructor(dir: string, queue: WriteQueue, opened: ReadonlyMap<string, JournalState>) {
    this.dir = dir;
    this.queue = queue;
    for (const [id, state] of opened) this.states.set(id, { ...state });
  }

  /** Whether document `id`'s next change can be appended rather than the file written whole. */
  canAppend(id: string): boolean {
    const journal = this.states.get(id);
    return (
      journal !== undefined &&
      journal.name !== undefined &&
      (journal.on === 'ready' || journal.on === 'absent') &&
      journal.records < JOURNAL_MAX_RECORDS &&
      journal.bytes < JOURNAL_MAX_BYTES
    );
  }

  /** Whether the journal is in a state to take an append right now (checked again when the save runs). */
  isWritable(id: string): boolean {
    const on = this.states.get(id)?.on;
    return on === 'ready' || on === 'absent';
  }

  /** Appends one record's `line` to document `id`'s journal, creating the journal when there is none. */
  async append(id: string, line: Buffer): Promise<void> {
    const journal = this.states.get(id);
    if (journal?.name === undefined) throw new Error('its file names no journal');
    const file = path.join(this.dir, documentPath(id));
    try {
      if (journal.on === 'absent') {
        const created = await createJournal(file, journal.name, line);
        Object.assign(journal, { on: 'ready', records: 1, bytes: created.bytes, handle: created.handle });
      } else {
        journal.handle ??= await openJournalForAppend(file);
        journal.bytes += await appendLine(journal.handle, line);
        journal.records++;
      }
    } catch (error) {
      // A line may be on disk in part: nothing more may follow it. The next save writes the
      // document whole, which starts a new journal.
      await this.closeHandle(id, journal);
      journal.on = 'unknown';
      throw error;
    }
    this.keepOpen(id);
  }

  /**
   * After document `id`'s file was written whole naming the journal `name`: the old journal is
   * closed (it is stale now). When the document has annotations (someone is annotating it), an
   * empty new journal is put in place, in the document's turn, so that the next save appends to
   * it; otherwise (a new import) the first save creates it.
   */
  async start(id: string, name: string, prepare: boolean): Promise<void> {
    const previous = this.states.get(id);
    if (previous !== undefined) await this.closeHandle(id, previous);
    const journal: JournalState = { on: prepare ? 'preparing' : 'absent', name, records: 0, bytes: 0 };
    this.states.set(id, journal);
    if (!prepare) return;
    const file = path.join(this.dir, documentPath(id));
    void this.queue.enqueue(
      documentPath(id),
      async () => {
        if (this.states.get(id) !== journal) return ok(undefined);
        try {
          await prepareJournal(file, name);
          journal.on = 'ready';
        } catch {
          // The stale journal must not be appended to: gone, a save creates a new one; if even
          // that fails, the next save writes the document whole.
          journal.on = await removeJournal(file).then(
            () => 'absent' as const,
            () => 'unknown' as const,
          );
        }
        return ok(undefined);
      },
      { quiet: true },
    );
  }

  /** Closes and removes document `id`'s journal (the document is being deleted). */
  async remove(id: string): Promise<void> {
    const journal = this.states.get(id);
    if (journal !== undefined) await this.closeHandle(id, journal);
    await removeJournal(path.join(this.dir, documentPath(id)));
  }

  /** Forgets document `id` (once its file is gone). */
  forget(id: string): void {
    this.states.delete(id);
  }

  /** Closes every open journal. */
  async closeAll(): Promise<void> {
    for (const [id, journal] of this.states) await this.closeHandle(id, journal);
  }

  /** How many journal files this store holds open (for tests of the lifecycle). */
  get openCount(): number {
    return [...this.states.values()].filter((journal) => journal.handle !== undefined).length;
  }

  /** Notes that document `id`'s journal is open, closing the least recently used beyond MAX_OPEN_JOURNALS. */
  private keepOpen(id: string): void {
    this.open.delete(id);
    this.open.add(id);
    for (const oldest of this.open) {
      if (this.open.size <= MAX_OPEN_JOURNALS) break;
      this.open.delete(oldest);
      // In that document's turn: a save of it may be using the handle right now.
      void this.queue.enqueue(
        documentPath(oldest),
        async () => {
          const journal = this.states.get(oldest);
          if (journal !== undefined && !this.open.has(oldest)) await this.closeHandle(oldest, journal);
          return ok(undefined);
        },
        { quiet: true },
      );
    }
  }

  private async closeHandle(id: string, journal: JournalState): Promise<void> {
    this.open.delete(id);
    const handle = journal.handle;
    journal.handle = undefined;
    await handle?.close().catch(() => undefined);
  }
}
