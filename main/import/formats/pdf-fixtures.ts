// Test fixtures for the PDF extractor, generated with pdf-lib so that no binary files are committed.
import { PDFDocument, PDFHexString, PDFName, rgb, StandardFonts } from 'pdf-lib';

export interface FixtureMetadata {
  readonly title?: string;
  readonly author?: string;
  readonly createdAt?: Date;
  readonly language?: string;
}

/**
 * A PDF with one page per entry of `pages`, each a list of lines drawn top-down in Helvetica
 * (WinAnsi, so Latin-1 text such as "café" works). Each line is a list of runs drawn separately,
 * left to right, 60 points apart, as a layout program might place table cells.
 * @example await textPdf([[['Page one']], [['Page two', 'second cell']]])
 */
export async function textPdf(pages: readonly (readonly (readonly string[])[])[], metadata: FixtureMetadata = {}): Promise<Uint8Array> {
  // Without updateMetadata pdf-lib stamps no dates or producer: tests state exactly what they expect.
  const document = await PDFDocument.create({ updateMetadata: false });
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = document.addPage([595, 842]);
    lines.forEach((runs, lineIndex) => {
      let x = 50;
      for (const run of runs) {
        page.drawText(run, { x, y: 780 - lineIndex * 18, size: 12, font });
        x += font.widthOfTextAtSize(run, 12) + 60;
      }
    });
  }
  applyMetadata(document, metadata);
  return document.save();
}

/**
 * A large PDF, fast to generate: `pageCount` pages of `linesPerPage` lines, "Line L of page P",
 * written as raw content streams (pdf-lib's drawText is too slow for thousands of lines).
 */
export async function manyLinesPdf(pageCount: number, linesPerPage: number): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let pageIndex = 0; pageIndex < pageCount; pageIndex++) {
    const page = document.addPage([595, 842]);
    const fontKey = page.node.newFontDictionary('F', font.ref).asString();
    const lines = Array.from({ length: linesPerPage }, (_, line) => `(Line ${line + 1} of page ${pageIndex + 1}) Tj T*`);
    const operators = [`BT ${fontKey} 10 Tf 12 TL 40 800 Td`, ...lines, 'ET'].join('\n');
    page.node.set(PDFName.of('Contents'), document.context.register(document.context.flateStream(operators)));
  }
  return document.save();
}

/** A PDF whose single page holds only a filled rectangle: no text layer at all. */
export async function drawingOnlyPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage([595, 842]).drawRectangle({ x: 100, y: 100, width: 200, height: 120, color: rgb(0.2, 0.4, 0.8) });
  return document.save();
}

/**
 * A PDF that claims to be encrypted with the standard security handler, and whose user password
 * is not empty, so a reader must ask for one. Nothing in it is really encrypted: a reader stops
 * at the password check, which is all the tests need.
 */
export async function passwordProtectedPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  document.addPage().drawText('secret', { x: 50, y: 700, size: 12, font });
  const { context } = document;
  const encrypt = context.obj({
    Filter: 'Standard',
    V: 1,
    R: 2,
    Length: 40,
    P: -44,
    O: PDFHexString.of('ab'.repeat(32)),
    U: PDFHexString.of('cd'.repeat(32)),
  });
  context.trailerInfo.Encrypt = context.register(encrypt);
  context.trailerInfo.ID = context.obj([PDFHexString.of('01'.repeat(16)), PDFHexString.of('01'.repeat(16))]);
  return document.save({ useObjectStreams: false });
}

function applyMetadata(document: PDFDocument, metadata: FixtureMetadata): void {
  if (metadata.title !== undefined) document.setTitle(metadata.title);
  if (metadata.author !== undefined) document.setAuthor(metadata.author);
  if (metadata.language !== undefined) document.setLanguage(metadata.language);
  if (metadata.createdAt !== undefined) document.setCreationDate(metadata.createdAt);
}
