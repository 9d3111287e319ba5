// "Open beside…": the document a typed title means. A whole title, its start, a part of it, or
// every word of it in any order, ignoring case and accents; the closest kind of match wins, and
// among those the first in the library.
import type { DocumentSummary } from '../../../core/model/document.ts';

/** The document `typed` names among `documents`, or undefined when none matches. */
export function findDocumentByTitle(documents: readonly DocumentSummary[], typed: string): DocumentSummary | undefined {
  const wanted = fold(typed).trim().replace(/\s+/g, ' ');
  if (wanted === '') return undefined;
  const words = wanted.split(' ');
  const rank = (title: string): number => {
    const text = fold(title).replace(/\s+/g, ' ');
    if (text === wanted) return 4;
    if (text.startsWith(wanted)) return 3;
    if (text.includes(wanted)) return 2;
    return words.every((word) => text.includes(word)) ? 1 : 0;
  };
  let best: DocumentSummary | undefined;
  let bestRank = 0;
  for (const document of documents) {
    const score = rank(document.meta.title);
    if (score > bestRank) [best, bestRank] = [document, score];
  }
  return best;
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}
