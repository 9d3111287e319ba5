// The reader benchmark's workspace: the same generated ~5 MB report twice, once bare and once
// with 10,000 annotations (sentences and phrases inside them, so some nest), plus a small
// document to start on. Seeded: every run measures the same bytes.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { textTarget, type Annotation } from '../core/model/annotation.ts';
import { RESOURCES_DIR } from '../main/app-paths.ts';
import { EXTRACTORS } from '../main/import/extractors.ts';
import { fileSource, importSources } from '../main/import/import-files.ts';
import { openOrCreateWorkspace } from '../main/workspace/open-workspace.ts';
import { generator, sentence } from './articles.ts';

export interface ReaderWorkspace {
  readonly dir: string;
  readonly startId: string;
  readonly plainId: string;
  readonly annotatedId: string;
  readonly textLength: number;
  readonly annotations: number;
}

const TAGS = [
  'statistic',
  'quote',
  'event',
  'prediction',
  'opinion',
  'named-official',
  'anonymous-source',
  'outlet-report',
  'social-media',
];
const STATUSES = ['unverified', 'supported', 'refuted', 'misleading', 'unverifiable'];

/** ~`bytes` of text in paragraphs of 3–8 sentences, and where each sentence is. */
function report(bytes: number): { text: string; sentences: { start: number; end: number }[] } {
  const random = generator(42);
  const parts: string[] = [];
  const sentences: { start: number; end: number }[] = [];
  let length = 0;
  while (length < bytes) {
    const count = 3 + Math.floor(random() * 6);
    for (let index = 0; index < count; index++) {
      const text = sentence(random);
      const separator = index === 0 ? '' : ' ';
      sentences.push({ start: length + separator.length, end: length + separator.length + text.length });
      parts.push(separator + text);
      length += separator.length + text.length;
    }
    parts.push('\n\n');
    length += 2;
  }
  return { text: parts.join(''), sentences };
}

export async function createReaderWorkspace(root: string, { bytes = 5_000_000, annotations = 10_000 } = {}): Promise<ReaderWorkspace> {
  const dir = path.join(root, 'ws');
  const { store } = await openOrCreateWorkspace(dir, { resourcesDir: RESOURCES_DIR, empty: true });
  const { text, sentences } = report(bytes);
  const files = {
    start: 'A short note.txt',
    plain: 'Large report (no annotations).txt',
    annotated: 'Large report (10,000 annotations).txt',
  };
  await writeFile(path.join(root, files.start), 'A short note to open first.\n');
  // A different first line each: the import would refuse the second copy as a duplicate.
  const heading = 'Large report (10,000 annotations)\n\n';
  await writeFile(path.join(root, files.plain), `Large report (no annotations)\n\n${text}`);
  await writeFile(path.join(root, files.annotated), heading + text);
  const outcomes = await importSources(store, await Promise.all(Object.values(files).map((name) => fileSource(path.join(root, name)))), {
    extractors: EXTRACTORS,
  });
  const [start, plain, annotated] = outcomes.map((outcome) => {
    if (outcome.status !== 'imported') throw new Error(`could not import: ${JSON.stringify(outcome)}`);
    return outcome.documentId;
  });
  const file = store.document(annotated!)!;
  if (file.text !== heading + text) throw new Error('the imported text differs from the generated one');
  const shift = heading.length;

  const random = generator(7);
  const made: Annotation[] = [];
  const now = new Date('2026-11-01T00:00:00Z').toISOString();
  // Every ~nth sentence is a claim; one in ten also gets a phrase inside it marked (nesting).
  const step = sentences.length / (annotations * 0.91);
  for (let position = 0; made.length < annotations && position < sentences.length; position += step) {
    const start = sentences[Math.floor(position)]!.start + shift;
    const end = sentences[Math.floor(position)]!.end + shift;
    const add = (from: number, to: number) =>
      made.push({
        id: `bench-${made.length}`,
        target: textTarget(file.text, from, to),
        anchor: { state: 'exact' },
        tags: [TAGS[Math.floor(random() * TAGS.length)]!],
        speaker: random() < 0.3 ? `Speaker ${Math.floor(random() * 40)}` : '',
        outlet: random() < 0.2 ? `Outlet ${Math.floor(random() * 12)}` : '',
        status: STATUSES[Math.floor(random() * STATUSES.length)]!,
        note: random() < 0.1 ? 'Checked against the **ministry** figures.' : '',
        creator: 'bench',
        created: now,
        modified: now,
      });
    add(start, end);
    if (made.length < annotations && random() < 0.1) add(start + 5, Math.min(end, start + 40));
  }
  if (made.length !== annotations) throw new Error(`made ${made.length} of ${annotations} annotations`);
  const written = await store.putDocument({ ...file, annotations: made });
  if (!written.ok) throw new Error(written.error.message);
  await store.close();
  return { dir, startId: start!, plainId: plain!, annotatedId: annotated!, textLength: text.length, annotations: made.length };
}
