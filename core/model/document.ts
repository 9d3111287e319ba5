// A document in the workspace: its normalized text, where it came from, and its annotations.
import { z } from 'zod';
import { Annotation } from './annotation.ts';

export const DocumentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a document id is letters, digits, "_" and "-"');

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const DocumentFormat = z.enum(['text', 'markdown', 'html', 'pdf', 'docx']);
export type DocumentFormat = z.infer<typeof DocumentFormat>;

export const DocumentMeta = z.object({
  id: DocumentId,
  title: z.string().min(1).max(1000),
  /** The outlet or issuer: "The Valley Courier", "Ministry of Environment". */
  outlet: z.string().max(500).default(''),
  author: z.string().max(500).default(''),
  /** ISO 8601 date or date-time, as precise as the source says. */
  publishedAt: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  sourceUrl: z.url().optional(),
  language: z.string().max(35).optional(),
  format: DocumentFormat,
  importedAt: z.iso.datetime(),
  /** A file path or URL, as the analyst gave it. */
  importedFrom: z.string().max(4096),
  /** SHA-256 of the stored text (UTF-8). */
  textHash: Sha256,
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

/** A document as the reader shows it. */
export const DocumentView = z.object({
  meta: DocumentMeta,
  /** NFC, LF line endings; every offset in the workspace refers to this string. */
  text: z.string(),
  annotations: z.array(Annotation),
});
export type DocumentView = z.infer<typeof DocumentView>;

/** A row of the document library. */
export interface DocumentSummary {
  readonly meta: DocumentMeta;
  readonly annotationCount: number;
}
