// Which extractor reads which format. Those with a parser (jsdom and Readability for HTML,
// mammoth for Word, pdf.js for PDF, markdown-it for Markdown) are loaded on their first use, not
// when the service starts: a workspace opens and serves its first document without them.
import type { DocumentFormat } from '../../core/model/document.ts';
import type { Extractor } from './extract-types.ts';
import { extractText } from './formats/text.ts';

/** `load`'s extractor, loaded when it is first called (once, however many imports start at once). */
function onFirstUse(load: () => Promise<Extractor>): Extractor {
  let loaded: Promise<Extractor> | undefined;
  return async (input) => (await (loaded ??= load()))(input);
}

export const EXTRACTORS: Readonly<Record<DocumentFormat, Extractor>> = {
  text: extractText,
  markdown: onFirstUse(async () => (await import('./formats/markdown.ts')).extractMarkdown),
  html: onFirstUse(async () => (await import('./formats/html.ts')).extractHtml),
  pdf: onFirstUse(async () => (await import('./formats/pdf.ts')).extractPdf),
  docx: onFirstUse(async () => (await import('./formats/docx.ts')).extractDocx),
};
