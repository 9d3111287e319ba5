// Markdown: imported as its own text (the source, not rendered), with its headings kept as
// structure and the first heading as the title.
import { normalizeText } from '../../../core/text/normalize.ts';
import { fail, ok } from '../../../core/result.ts';
import type { Extractor, Heading } from '../extract-types.ts';
import { decodeText } from './decode-text.ts';
import { firstLine } from './text.ts';

export const extractMarkdown: Extractor = async ({ bytes, signal }) => {
  if (signal?.aborted) return fail('cancelled', 'the import was cancelled');
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const text = normalizeText(decoded.value);
  if (text.trim() === '') return fail('empty', 'the file has no text');
  const headings = markdownHeadings(text);
  return ok({ format: 'markdown', text, headings, title: headings[0]?.text ?? firstLine(text) });
};

/**
 * ATX (`## Title`) and setext (`Title` over `===` or `---`) headings outside fenced code blocks;
 * `start` is where the heading's text begins.
 */
export function markdownHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let fence: string | undefined;
  for (const [index, line] of lines.entries()) {
    const lineStart = offset;
    offset += line.length + 1;
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const atx = /^( {0,3})(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx && atx[3]!.trim() !== '') {
      const content = atx[3]!.trim();
      headings.push({ level: atx[2]!.length, text: content, start: lineStart + line.indexOf(content, atx[1]!.length + atx[2]!.length) });
      continue;
    }
    const next = lines[index + 1];
    const previousBlank = index === 0 || lines[index - 1]!.trim() === '';
    if (
      next !== undefined &&
      previousBlank &&
      line.trim() !== '' &&
      /^ {0,3}(=+|-+)[ \t]*$/.test(next) &&
      !/^ {0,3}([-*+]|\d+[.)])[ \t]/.test(line)
    ) {
      const content = line.trim();
      headings.push({ level: next.trim().startsWith('=') ? 1 : 2, text: content, start: lineStart + line.indexOf(content) });
    }
  }
  return headings;
}
