import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../../core/model/document.ts';
import { arrangeLibrary, DEFAULT_VIEW } from './library-order.ts';

const doc = (title: string, extra: Partial<DocumentSummary['meta']> = {}): DocumentSummary => ({
  annotationCount: 0,
  meta: {
    id: title,
    title,
    role: 'claim',
    outlet: '',
    author: '',
    format: 'text',
    importedAt: '2026-01-01T00:00:00Z',
    importedFrom: '',
    textHash: '0'.repeat(64),
    tags: [],
    ...extra,
  },
});

const library = [
  doc('Mayor statement', { role: 'source', outlet: 'City of Valmont', publishedAt: '2026-08-14T08:30:00+02:00', tags: ['water'] }),
  doc('Courier report', { outlet: 'The Valley Courier', publishedAt: '2026-08-14', author: 'Nadia Okafor' }),
  doc('briefing', { role: 'source', outlet: 'Ministry', publishedAt: '2026-08-13' }),
  doc('Undated memo'),
];
const titles = (view: Partial<typeof DEFAULT_VIEW>) =>
  arrangeLibrary(library, { ...DEFAULT_VIEW, ...view }).map((summary) => summary.meta.title);

describe('arrangeLibrary', () => {
  it.each([
    [{}, ['Mayor statement', 'Courier report', 'briefing', 'Undated memo']],
    [{ sort: 'title' }, ['briefing', 'Courier report', 'Mayor statement', 'Undated memo']],
    [{ sort: 'published' }, ['Mayor statement', 'Courier report', 'briefing', 'Undated memo']],
    [{ sort: 'outlet' }, ['Mayor statement', 'briefing', 'Courier report', 'Undated memo']],
    [{ role: 'source' }, ['Mayor statement', 'briefing']],
    [{ role: 'claim' }, ['Courier report', 'Undated memo']],
    [{ query: 'okafor' }, ['Courier report']],
    [{ query: 'WATER valmont' }, ['Mayor statement']],
    [{ query: 'nothing matches' }, []],
  ] as const)('%j', (view, expected) => {
    expect(titles(view as never)).toEqual(expected);
  });
});
