// The generated corpus of the search benchmark: 10,000 documents (~100 MB of English-ish text
// with names, numbers and Unicode) and 100,000 annotations, seeded so every run sees the same.
import { createHash } from 'node:crypto';
import type { Annotation } from '../core/model/annotation.ts';
import { textTarget } from '../core/model/annotation.ts';
import type { SearchDocument } from '../core/search/search-types.ts';
import { generator, sentence } from './articles.ts';

const NAMES = [
  'Ana Ruiz',
  'Volodymyr Zelensky',
  'Jürgen Müller',
  'Zoë Ødegaard',
  'Nguyễn Văn An',
  '王伟',
  'Siobhán Ní Bhriain',
  'José Álvarez',
  'Amélie Durand',
  'Kwame Mensah',
];
const OUTLETS = ['Valley Courier', 'Associated Press', 'Gazette', 'Le Monde', 'Süddeutsche Zeitung', 'Ministry of Environment'];
const EXTRAS = [
  'ten times bigger',
  '40 percent',
  '€1.2 billion',
  '東京都',
  'naïve café',
  '😀',
  'Zürich',
  '«the figure»',
  'São Paulo',
  '12.5%',
];
const TAGS = ['statistic', 'percent', 'quote', 'prediction', 'attribution'];
const STATUSES = ['unverified', 'supported', 'refuted', 'misleading'];

export const DOCUMENTS = Number(process.env.BENCH_SEARCH_DOCUMENTS ?? 10_000);
const DOCUMENT_CHARS = 10_000;
const ANNOTATIONS_PER_DOCUMENT = 10;

/** The corpus, built in memory (about 200 MB of JS strings). */
export function searchCorpus(): SearchDocument[] {
  const random = generator(19);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const documents: SearchDocument[] = [];
  for (let n = 0; n < DOCUMENTS; n++) {
    const parts: string[] = [];
    let size = 0;
    while (size < DOCUMENT_CHARS) {
      const words = sentence(random).split(' ');
      words.splice(Math.floor(random() * words.length), 0, random() < 0.5 ? pick(NAMES) : String(Math.floor(random() * 100_000)));
      if (random() < 0.15) words.splice(1, 0, pick(EXTRAS));
      const line = words.join(' ') + (random() < 0.1 ? '\n\n' : ' ');
      parts.push(line);
      size += line.length;
    }
    const text = parts.join('').normalize('NFC');
    const annotations: Annotation[] = [];
    for (let a = 0; a < ANNOTATIONS_PER_DOCUMENT; a++) {
      const start = Math.floor((a / ANNOTATIONS_PER_DOCUMENT) * (text.length - 200));
      const time = '2026-01-01T00:00:00.000Z';
      annotations.push({
        id: `a${n}-${a}`,
        target: textTarget(text, start, start + 40 + Math.floor(random() * 100)),
        anchor: { state: 'exact' },
        tags: [pick(TAGS)],
        speaker: random() < 0.5 ? pick(NAMES) : '',
        outlet: random() < 0.3 ? pick(OUTLETS) : '',
        status: pick(STATUSES),
        note: random() < 0.3 ? sentence(random) : '',
        creator: pick(['ines', 'marc', '']),
        created: time,
        modified: time,
      });
    }
    documents.push({
      meta: {
        id: `doc-${n}`,
        title: `Report ${n}: ${sentence(random).slice(0, 50)}`,
        role: random() < 0.3 ? 'source' : 'claim',
        outlet: pick(OUTLETS),
        author: pick(NAMES),
        publishedAt: `20${20 + (n % 7)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
        format: 'text',
        importedAt: '2026-01-01T00:00:00.000Z',
        importedFrom: `doc-${n}.txt`,
        textHash: createHash('sha256').update(text).digest('hex'),
        tags: [],
      },
      text,
      annotations,
    });
  }
  return documents;
}

/** The 30 mixed queries: phrases, words, prefixes, fields, negation, OR, scopes. */
export const QUERIES = [
  '"ten times bigger"',
  '"40 percent"',
  '"€1.2 billion"',
  '"東京都"',
  '"naïve café"',
  '"reservoir water supply"',
  '"the ministry said"',
  '"Zoë Ødegaard"',
  'drought rationing',
  'reservoir -drought',
  'irrigat*',
  'hospital OR surgery',
  'zürich',
  'verif*',
  '"São Paulo" role:source',
  'tag:statistic',
  'tag:percent status:refuted',
  'speaker:zelensky',
  'speaker:"Jürgen Müller" -outlet:"Associated Press"',
  'creator:ines tag:quote',
  'in:notes reservoir',
  'in:quotes "40 percent"',
  'author:"Ana Ruiz" drought',
  'outlet:gazette "press conference"',
  'before:2022 "emergency rationing"',
  'after:2025-06 audit',
  'doc:"Report 42"',
  'tag:prediction -status:unverified',
  '"12.5%"',
  'mayor council officials',
];
