// Sorting and filtering the library (pure, so it is tested without a browser).
import type { DocumentRole, DocumentSummary } from '../../../core/model/document.ts';

export type LibrarySort = 'imported' | 'title' | 'published' | 'outlet';

export interface LibraryView {
  readonly query: string;
  readonly role: DocumentRole | 'all';
  readonly sort: LibrarySort;
}

export const DEFAULT_VIEW: LibraryView = { query: '', role: 'all', sort: 'imported' };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function arrangeLibrary(documents: readonly DocumentSummary[], { query, role, sort }: LibraryView): DocumentSummary[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const matches = (summary: DocumentSummary) => {
    if (role !== 'all' && summary.meta.role !== role) return false;
    const haystack = [summary.meta.title, summary.meta.outlet, summary.meta.author, ...summary.meta.tags].join('\n').toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  };
  const kept = documents.filter(matches);
  switch (sort) {
    case 'imported':
      return kept;
    case 'title':
      return kept.sort((a, b) => collator.compare(a.meta.title, b.meta.title));
    case 'outlet':
      // Documents without an outlet go last.
      return kept.sort(
        (a, b) =>
          Number(!a.meta.outlet) - Number(!b.meta.outlet) ||
          collator.compare(a.meta.outlet, b.meta.outlet) ||
          collator.compare(a.meta.title, b.meta.title),
      );
    case 'published':
      // Newest first; undated documents last.
      return kept.sort(
        (a, b) => (b.meta.publishedAt ?? '').localeCompare(a.meta.publishedAt ?? '') || collator.compare(a.meta.title, b.meta.title),
      );
  }
}
