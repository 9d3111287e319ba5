// Which extractor reads which format.
import type { DocumentFormat } from '../../core/model/document.ts';
import type { Extractor } from './extract-types.ts';
import { extractDocx } from './formats/docx.ts';
import { extractHtml } from './formats/html.ts';
import { extractMarkdown } from './formats/markdown.ts';
import { extractPdf } from './formats/pdf.ts';
import { extractText } from './formats/text.ts';

export const EXTRACTORS: Readonly<Record<DocumentFormat, Extractor>> = {
  text: extractText,
  markdown: extractMarkdown,
  html: extractHtml,
  pdf: extractPdf,
  docx: extractDocx,
};
