// Plain text: decoded strictly, normalized, titled by its first line.
import { normalizeText } from '../../../core/text/normalize.ts';
import { fail, ok } from '../../../core/result.ts';
import type { Extractor } from '../extract-types.ts';
import { decodeText } from './decode-text.ts';

const MAX_TITLE = 100;

export const extractText: Extractor = async ({ bytes, signal }) => {
  if (signal?.aborted) return fail('cancelled', 'the import was cancelled');
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const text = normalizeText(decoded.value);
  if (text.trim() === '') return fail('empty', 'the file has no text');
  return ok({ format: 'text', text, title: firstLine(text) });
};

/**
 * A title from the first non-blank line, without the marker of a Markdown heading (`# `, `## `
 * and closing `#`s: text pasted from Markdown keeps them): the whole line if short, else its first
 * sentence if that is short, else its beginning cut at a word.
 * @example firstLine('Mayor warns of dry taps. More follows…') // 'Mayor warns of dry taps.' only if the line is long
 */
export function firstLine(text: string): string | undefined {
  const line = text
    .split('\n')
    .find((candidate) => candidate.trim() !== '')
    ?.trim()
    .replace(/^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?$/u, '$1')
    .trim();
  if (line === undefined || line.length <= MAX_TITLE) return line;
  const sentence = /^.{10,}?[.!?](?=\s)/u.exec(line)?.[0];
  if (sentence !== undefined && sentence.length <= MAX_TITLE) return sentence;
  const cut = line.slice(0, MAX_TITLE - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_TITLE - 30))}…`;
}
