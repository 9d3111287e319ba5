// Plain text: decoded strictly, normalized, titled by its first line.
import { normalizeText } from '../../../core/text/normalize.ts';
import { fail, ok } from '../../../core/result.ts';
import type { Extractor } from '../extract-types.ts';
import { decodeText } from './decode-text.ts';

const MAX_TITLE = 200;

export const extractText: Extractor = async ({ bytes, signal }) => {
  if (signal?.aborted) return fail('cancelled', 'the import was cancelled');
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const text = normalizeText(decoded.value);
  if (text.trim() === '') return fail('empty', 'the file has no text');
  return ok({ format: 'text', text, title: firstLine(text) });
};

/** The first non-blank line, shortened at a word boundary; undefined if it is very long prose. */
export function firstLine(text: string): string | undefined {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '')?.trim();
  if (line === undefined) return undefined;
  if (line.length <= MAX_TITLE) return line;
  const cut = line.slice(0, MAX_TITLE);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_TITLE - 40))}…`;
}
