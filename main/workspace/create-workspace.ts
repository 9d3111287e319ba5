// Creates a workspace folder: workspace.json with the default codebook and, unless `empty`,
// the sample documents from resources/sample/ with their example annotations.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { textTarget, type Annotation } from '../../core/model/annotation.ts';
import { Codebook } from '../../core/model/codebook.ts';
import type { DocumentMeta } from '../../core/model/document.ts';
import { DOCUMENTS_DIR, WORKSPACE_FILE } from '../store/workspace-store.ts';
import { DEFAULT_STATUSES } from '../../core/model/workspace.ts';
import { DocumentFile, WORKSPACE_SCHEMA_VERSION, WorkspaceFile } from '../../core/model/stored-files.ts';
import { normalizeText } from '../../core/text/normalize.ts';

const SampleAnnotation = z.strictObject({
  quote: z.string().min(1),
  /** Which occurrence of the quote, counting from 1. */
  occurrence: z.number().int().positive().default(1),
  tags: z.array(z.string()),
  speaker: z.string().default(''),
  outlet: z.string().default(''),
  status: z.string(),
  note: z.string().default(''),
});

const SampleDocument = z.strictObject({
  file: z.string().regex(/^[a-z0-9-]+\.txt$/),
  role: z.enum(['claim', 'source']),
  title: z.string(),
  outlet: z.string().default(''),
  author: z.string().default(''),
  publishedAt: z.string().optional(),
  sourceUrl: z.string().optional(),
  language: z.string().optional(),
  annotations: z.array(SampleAnnotation),
});

const SampleManifest = z.strictObject({
  name: z.string(),
  analystName: z.string().default(''),
  documents: z.array(SampleDocument),
});

export interface CreateOptions {
  /** The app's resources/ folder (default codebook, sample). */
  readonly resourcesDir: string;
  /** Create without the sample documents. */
  readonly empty?: boolean;
  readonly name?: string;
  readonly now?: Date;
}

/** Writes a new workspace into `dir`, which must not hold one yet. */
export async function createWorkspace(dir: string, options: CreateOptions): Promise<void> {
  const now = (options.now ?? new Date()).toISOString();
  const codebook = Codebook.parse(await readJson(path.join(options.resourcesDir, 'codebook', 'default-codebook.json')));
  const sampleDir = path.join(options.resourcesDir, 'sample');
  const sample = options.empty ? undefined : SampleManifest.parse(await readJson(path.join(sampleDir, 'sample.json')));

  const workspace = WorkspaceFile.parse({
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    name: options.name ?? sample?.name ?? 'My workspace',
    createdAt: now,
    settings: { analystName: sample?.analystName ?? '', statuses: DEFAULT_STATUSES },
    codebook,
  });

  const documents: DocumentFile[] = [];
  for (const [index, entry] of (sample?.documents ?? []).entries()) {
    const text = normalizeText(await readFile(path.join(sampleDir, entry.file), 'utf8'));
    // Spread the import times by a millisecond so the library keeps the sample's order.
    const importedAt = new Date(Date.parse(now) + index).toISOString();
    const meta: DocumentMeta = {
      id: randomUUID(),
      title: entry.title,
      role: entry.role,
      outlet: entry.outlet,
      author: entry.author,
      publishedAt: entry.publishedAt,
      sourceUrl: entry.sourceUrl,
      language: entry.language,
      format: 'text',
      importedAt,
      importedFrom: `sample:${entry.file}`,
      textHash: createHash('sha256').update(text, 'utf8').digest('hex'),
      tags: [],
    };
    const annotations = entry.annotations.map((annotation): Annotation => {
      const start = nthIndexOf(text, annotation.quote, annotation.occurrence);
      if (start < 0) throw new Error(`sample ${entry.file}: quote not found: ${annotation.quote}`);
      return {
        id: randomUUID(),
        target: textTarget(text, start, start + annotation.quote.length),
        anchor: { state: 'exact' },
        tags: annotation.tags,
        speaker: annotation.speaker,
        outlet: annotation.outlet,
        status: annotation.status,
        note: annotation.note,
        creator: 'Claimbench sample',
        created: importedAt,
        modified: importedAt,
      };
    });
    documents.push(DocumentFile.parse({ schemaVersion: WORKSPACE_SCHEMA_VERSION, meta, text, annotations, structure: {}, versions: [] }));
  }

  await mkdir(path.join(dir, DOCUMENTS_DIR), { recursive: true });
  for (const document of documents) {
    await writeJson(path.join(dir, DOCUMENTS_DIR, `${document.meta.id}.json`), document);
  }
  // workspace.json last: a folder without it is not yet a workspace, so a crash midway can be retried.
  await writeJson(path.join(dir, WORKSPACE_FILE), workspace);
}

function nthIndexOf(text: string, needle: string, occurrence: number): number {
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) return -1;
  }
  return index;
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx' });
}
