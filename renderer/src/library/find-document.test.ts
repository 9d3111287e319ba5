import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../../core/model/document.ts';
import { findDocumentByTitle } from './find-document.ts';

const titles = [
  'Kherson mayor: shelling continues',
  'Press conference of President Zelensky',
  'Kherson',
  'Live blog: Russia–Ukraine war, Kherson mayor speaks',
];
const documents = titles.map((title, index) => ({ meta: { id: `d${index}`, title }, annotationCount: 0 }) as unknown as DocumentSummary);

describe('findDocumentByTitle', () => {
  it.each([
    ['kherson', 'Kherson'], // the whole title beats a longer one that starts with it
    ['KHERSON MAYOR', 'Kherson mayor: shelling continues'], // a start, any case
    ['zelensky', 'Press conference of President Zelensky'], // a part
    ['mayor kherson speaks', 'Live blog: Russia–Ukraine war, Kherson mayor speaks'], // every word, any order
    ['  press   conference ', 'Press conference of President Zelensky'], // spaces do not matter
    ['zelenský', 'Press conference of President Zelensky'], // nor accents
  ])('"%s" finds "%s"', (typed, title) => {
    expect(findDocumentByTitle(documents, typed)?.meta.title).toBe(title);
  });

  it.each(['', '   ', 'Odesa', 'kherson odesa'])('"%s" finds nothing', (typed) => {
    expect(findDocumentByTitle(documents, typed)).toBeUndefined();
  });
});
