// Writes documents, annotations and claims into the index's tables (schema.ts). The caller holds
// the transaction; these only know the rows. A bulk writer (a new file, built by
// index-file-writer.ts) only inserts, into a schema without triggers, and writes the full-text and
// tag rows itself.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Annotation } from '../../core/model/annotation.ts';
import type { Claim } from '../../core/model/evidence.ts';
import { foldCase } from '../../core/search/fold-case.ts';
import type { SearchDocument } from '../../core/search/search-types.ts';
import { wordText } from './word-text.ts';

/** The prepared statements for every kind of write, made once per database. */
export class RowWriter {
  private readonly findDoc: StatementSync;
  private readonly insertDoc: StatementSync;
  private readonly updateDoc: StatementSync;
  private readonly updateDocMeta: StatementSync;
  private readonly deleteDoc: StatementSync;
  private readonly insertText: StatementSync;
  private readonly updateText: StatementSync;
  private readonly deleteText: StatementSync;
  private readonly insertAnn: StatementSync;
  private readonly deleteAnn: StatementSync;
  private readonly deleteDocAnns: StatementSync;
  private readonly upsertClaimRow: StatementSync;
  private readonly deleteClaimRow: StatementSync;
  private readonly deleteClaimRows: StatementSync;
  /** The statements a bulk writer adds (see the header); undefined otherwise. */
  private readonly bulk: BulkStatements | undefined;

  /** @param bulk for a file made by `createSchema(db, { bulk: true })` */
  constructor(db: DatabaseSync, { bulk = false }: { readonly bulk?: boolean } = {}) {
    this.bulk = bulk ? new BulkStatements(db) : undefined;
    const docColumns = 'title = ?, role = ?, outlet = ?, author = ?, published = ?, url = ?, tags = ?, folded = ?';
    this.findDoc = db.prepare('SELECT rowid, text_hash FROM docs WHERE id = ?');
    this.insertDoc = db.prepare(
      'INSERT INTO docs(id, title, role, outlet, author, published, url, tags, folded, text_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateDoc = db.prepare(`UPDATE docs SET ${docColumns}, text_hash = ? WHERE rowid = ?`);
    this.updateDocMeta = db.prepare(`UPDATE docs SET ${docColumns} WHERE rowid = ?`);
    this.deleteDoc = db.prepare('DELETE FROM docs WHERE rowid = ?');
    this.insertText = db.prepare('INSERT INTO doc_texts(rowid, text) VALUES (?, ?)');
    this.updateText = db.prepare('UPDATE doc_texts SET text = ? WHERE rowid = ?');
    this.deleteText = db.prepare('DELETE FROM doc_texts WHERE rowid = ?');
    this.insertAnn = db.prepare(
      'INSERT INTO anns(doc, id, start, end, quote, note, tags, status, speaker, outlet, creator, folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.deleteAnn = db.prepare('DELETE FROM anns WHERE doc = ? AND id = ?');
    this.deleteDocAnns = db.prepare('DELETE FROM anns WHERE doc = ?');
    this.upsertClaimRow = db.prepare('INSERT INTO claims(id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json');
    this.deleteClaimRow = db.prepare('DELETE FROM claims WHERE id = ?');
    this.deleteClaimRows = db.prepare('DELETE FROM claims');
  }

  /** Writes a document and replaces its annotations; the text is re-indexed only when its hash changed. */
  upsertDocument(document: SearchDocument): void {
    const { meta } = document;
    const fields = [
      meta.title,
      meta.role,
      meta.outlet,
      meta.author,
      meta.publishedAt ?? null,
      meta.sourceUrl ?? '',
      JSON.stringify(meta.tags),
      foldCase([meta.title, meta.outlet, meta.author, meta.sourceUrl ?? '', meta.tags.join(' ')].join('\n')),
    ] as const;
    const existing = this.findDoc.get(meta.id) as { rowid: number; text_hash: string } | undefined;
    let rowid: number;
    if (existing === undefined) {
      rowid = Number(this.insertDoc.run(meta.id, ...fields, meta.textHash).lastInsertRowid);
      this.insertText.run(rowid, document.text);
      this.bulk?.indexText(rowid, document.text);
    } else {
      if (this.bulk !== undefined) throw new Error(`document ${meta.id} is given twice to a bulk load`);
      rowid = existing.rowid;
      if (existing.text_hash === meta.textHash) this.updateDocMeta.run(...fields, rowid);
      else {
        this.updateDoc.run(...fields, meta.textHash, rowid);
        this.updateText.run(document.text, rowid);
      }
      this.deleteDocAnns.run(rowid);
    }
    for (const annotation of document.annotations) this.writeAnnotation(rowid, annotation);
  }

  deleteDocument(documentId: string): void {
    const existing = this.findDoc.get(documentId) as { rowid: number } | undefined;
    if (existing === undefined) return;
    this.deleteDocAnns.run(existing.rowid);
    this.deleteText.run(existing.rowid);
    this.deleteDoc.run(existing.rowid);
  }

  /** Replaces one annotation; an annotation of a document the index lacks is ignored. */
  upsertAnnotation(documentId: string, annotation: Annotation): void {
    const existing = this.findDoc.get(documentId) as { rowid: number } | undefined;
    if (existing === undefined) return;
    this.deleteAnn.run(existing.rowid, annotation.id);
    this.writeAnnotation(existing.rowid, annotation);
  }

  deleteAnnotation(documentId: string, annotationId: string): void {
    const existing = this.findDoc.get(documentId) as { rowid: number } | undefined;
    if (existing !== undefined) this.deleteAnn.run(existing.rowid, annotationId);
  }

  upsertClaim(claim: Claim): void {
    this.upsertClaimRow.run(claim.id, JSON.stringify(claim));
  }

  deleteClaim(claimId: string): void {
    this.deleteClaimRow.run(claimId);
  }

  deleteAllClaims(): void {
    this.deleteClaimRows.run();
  }

  private writeAnnotation(docRowid: number, annotation: Annotation): void {
    const { target } = annotation;
    const folded = foldCase([annotation.speaker, annotation.outlet, annotation.creator].join('\n'));
    const result = this.insertAnn.run(
      docRowid,
      annotation.id,
      target.start,
      target.end,
      target.exact,
      annotation.note,
      JSON.stringify(annotation.tags),
      annotation.status,
      annotation.speaker,
      annotation.outlet,
      annotation.creator,
      folded,
    );
    if (this.bulk !== undefined) this.bulk.indexAnnotation(Number(result.lastInsertRowid), annotation);
  }
}

/** A bulk writer's own writes of what the triggers write otherwise (schema.ts). */
class BulkStatements {
  private readonly textTrigrams: StatementSync;
  private readonly textWords: StatementSync;
  private readonly annTrigrams: StatementSync;
  private readonly annWords: StatementSync;
  private readonly annTag: StatementSync;

  constructor(db: DatabaseSync) {
    this.textTrigrams = db.prepare('INSERT INTO docs_fts(rowid, text) VALUES (?, ?)');
    this.textWords = db.prepare('INSERT INTO docs_words(rowid, text) VALUES (?, ?)');
    this.annTrigrams = db.prepare('INSERT INTO anns_fts(rowid, quote, note) VALUES (?, ?, ?)');
    this.annWords = db.prepare('INSERT INTO anns_words(rowid, quote, note) VALUES (?, ?, ?)');
    this.annTag = db.prepare('INSERT INTO ann_tags(ann, tag) VALUES (?, ?)');
  }

  indexText(rowid: number, text: string): void {
    this.textTrigrams.run(rowid, text);
    this.textWords.run(rowid, wordText(text));
  }

  indexAnnotation(rowid: number, annotation: Annotation): void {
    const { exact } = annotation.target;
    this.annTrigrams.run(rowid, exact, annotation.note);
    this.annWords.run(rowid, wordText(exact), wordText(annotation.note));
    for (const tag of annotation.tags) this.annTag.run(rowid, tag);
  }
}
