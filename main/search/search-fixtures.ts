// Builders of search input for the index's tests: documents, annotations and claims with only
// the fields a test cares about.
import { createHash } from 'node:crypto';
import { textTarget, type Annotation } from '../../core/model/annotation.ts';
import type { DocumentMeta } from '../../core/model/document.ts';
import type { Claim } from '../../core/model/evidence.ts';
import type { SearchDocument } from '../../core/search/search-types.ts';

const DATE = '2026-01-01T00:00:00.000Z';

export function doc(id: string, text: string, meta: Partial<DocumentMeta> = {}, annotations: Annotation[] = []): SearchDocument {
  return {
    meta: {
      id,
      title: `Title of ${id}`,
      role: 'claim',
      outlet: '',
      author: '',
      format: 'text',
      importedAt: DATE,
      importedFrom: `${id}.txt`,
      textHash: createHash('sha256').update(text).digest('hex'),
      tags: [],
      ...meta,
    },
    text,
    annotations,
  };
}

/** An annotation on the first occurrence of `quote` in `text`. */
export function ann(id: string, text: string, quote: string, fields: Partial<Annotation> = {}): Annotation {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return {
    id,
    target: textTarget(text, start, start + quote.length),
    anchor: { state: 'exact' },
    tags: [],
    speaker: '',
    outlet: '',
    status: 'unverified',
    note: '',
    creator: '',
    created: DATE,
    modified: DATE,
    ...fields,
  };
}

export function claim(id: string, statement: string, mentions: [string, string][], fields: Partial<Claim> = {}): Claim {
  return {
    id,
    statement,
    mentions: mentions.map(([documentId, annotationId]) => ({ documentId, annotationId })),
    status: 'open',
    creator: '',
    created: DATE,
    modified: DATE,
    ...fields,
  };
}
