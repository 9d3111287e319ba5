// Writes a new index file from scratch, in one transaction as a bulk load does: used in a worker
// thread for a workspace of any size (build-worker.ts), and in the calling thread for a small
// one, where starting a worker would take longer than the work (build-index-file.ts).
import type { DatabaseSync } from 'node:sqlite';
import type { Codebook } from '../../core/model/codebook.ts';
import type { Claim } from '../../core/model/evidence.ts';
import type { SearchDocument } from '../../core/search/search-types.ts';
import { createSchema, finishBulkLoad, openIndexFile } from './schema.ts';
import { RowWriter } from './write-rows.ts';

export class IndexFileWriter {
  private readonly db: DatabaseSync;
  private readonly writer: RowWriter;

  /** Creates `file` (which must not exist) with no journal: until it is swapped in, nothing else reads it. */
  constructor(file: string) {
    this.db = openIndexFile(file, { scratch: true });
    createSchema(this.db, { bulk: true });
    this.writer = new RowWriter(this.db, { bulk: true });
    this.db.exec('BEGIN');
  }

  /** Writes documents with their annotations; returns how many annotations they held. */
  write(documents: readonly SearchDocument[]): number {
    let annotations = 0;
    for (const document of documents) {
      this.writer.upsertDocument(document);
      annotations += document.annotations.length;
    }
    return annotations;
  }

  /** Writes the claims and what the index reflects, commits and closes the file. */
  finish(claims: readonly Claim[], codebook: Codebook, fingerprint: string): void {
    for (const claim of claims) this.writer.upsertClaim(claim);
    const setMeta = this.db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)');
    setMeta.run('codebook', JSON.stringify(codebook));
    setMeta.run('fingerprint', fingerprint);
    finishBulkLoad(this.db);
    this.db.exec('COMMIT');
    this.db.close();
  }

  /** Closes the file unfinished (the caller deletes it). */
  abandon(): void {
    if (this.db.isOpen) this.db.close();
  }
}
