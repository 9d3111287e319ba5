// Markdown: converted to plain text (markdown-text.ts), or its source kept as written, by the
// analyst's choice; either way its headings are kept as structure and the first is the title.
import { normalizeText } from '../../../core/text/normalize.ts';
import { fail, ok } from '../../../core/result.ts';
import type { Extractor } from '../extract-types.ts';
import { decodeText } from './decode-text.ts';
import { markdownHeadings, markdownInlineText, markdownToText } from './markdown-text.ts';
import { firstLine } from './text.ts';

export const extractMarkdown: Extractor = async ({ bytes, signal, markdown = 'plain' }) => {
  if (signal?.aborted) return fail('cancelled', 'the import was cancelled');
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const source = normalizeText(decoded.value);
  if (source.trim() === '') return fail('empty', 'the file has no text');
  // Blocks nested past the parser's limit (a hostile file) cannot be converted whole: the source is kept.
  const plain = markdown === 'plain' ? markdownToText(source) : undefined;
  if (plain !== undefined && plain.text.trim() !== '') {
    const title = plain.headings[0]?.text ?? firstLine(plain.text);
    return ok({ format: 'markdown', markdown: 'plain', text: plain.text, headings: plain.headings, ...(title ? { title } : {}) });
  }
  const headings = markdownHeadings(source);
  // The title is what the heading says, without its emphasis or link markers.
  const title = (headings[0] && markdownInlineText(headings[0].text)) || firstLine(source);
  return ok({ format: 'markdown', markdown: 'source', text: source, headings, ...(title ? { title } : {}) });
};
