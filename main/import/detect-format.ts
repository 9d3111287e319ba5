// Which extractor a file goes to: its content's signature first (a PDF renamed .txt is still a
// PDF), then its extension; anything else is treated as text and must pass the text checks.
import path from 'node:path';
import type { DocumentFormat } from '../../core/model/document.ts';

const EXTENSIONS: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

/** The extensions the import dialog offers. */
export const IMPORTABLE_EXTENSIONS = Object.keys(EXTENSIONS);

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((byte, index) => bytes[index] === byte);

export function detectFormat(fileName: string, bytes: Uint8Array): DocumentFormat {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  const byExtension = EXTENSIONS[path.extname(fileName).toLowerCase()];
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'docx'; // a zip: only Word files are zips we take
  if (byExtension !== undefined) return byExtension;
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  return 'text';
}
