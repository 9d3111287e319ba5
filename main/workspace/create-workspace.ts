// Creates a workspace folder: workspace.json with the default codebook and, unless `empty`,
// the sample documents from resources/sample/ with their example annotations, and the links and
// claims between them (evidence.json, written empty for an empty workspace).
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { textTarget, type Annotation } from '../../core/model/annotation.ts';
import { Codebook } from '../../core/model/codebook.ts';
import type { DocumentMeta } from '../../core/model/document.ts';
import {
  ClaimStatus,
  DEFAULT_VERDICT_SCALE,
  LinkRelation,
  Verdict,
  type AnnotationRef,
  type Claim,
  type EvidenceLink,
  type VerdictRating,
} from '../../core/model/evidence.ts';
import { DOCUMENTS_DIR, EVIDENCE_FILE, WORKSPACE_FILE } from '../store/workspace-layout.ts';
import { SAMPLE_CREATOR, sampleOrigin } from '../../core/model/sample.ts';
import { DEFAULT_STATUSES } from '../../core/model/workspace.ts';
import { DocumentFile, EvidenceFile, WORKSPACE_SCHEMA_VERSION, WorkspaceFile } from '../../core/model/stored-files.ts';
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

/** A sample annotation, named as the manifest lists it: its document's file, quote and occurrence. */
const SampleRef = z.strictObject({
  file: z.string(),
  quote: z.string().min(1),
  occurrence: z.number().int().positive().default(1),
});
type SampleRef = z.infer<typeof SampleRef>;

const SampleLink = z.strictObject({
  relation: LinkRelation,
  from: SampleRef,
  to: SampleRef,
  note: z.string().default(''),
});

const SampleClaim = z.strictObject({
  statement: z.string().min(1),
  status: ClaimStatus.default('open'),
  mentions: z.array(SampleRef).min(1),
  verdict: Verdict.optional(),
});

const SampleManifest = z.strictObject({
  name: z.string(),
  analystName: z.string().default(''),
  documents: z.array(SampleDocument),
  links: z.array(SampleLink).default([]),
  claims: z.array(SampleClaim).default([]),
});

type SampleManifest = z.infer<typeof SampleManifest>;

export interface CreateOptions {
  /** The app's resources/ folder (default codebook, sample). */
  readonly resourcesDir: string;
  /** Create without the sample documents. */
  readonly empty?: boolean;
  /**
   * Create without the default codebook's tags: for a workspace made to receive a bundle, which
   * brings its own tags (with their GUIDs) and would otherwise find the default ones there already.
   */
  readonly withoutTags?: boolean;
  readonly name?: string;
  readonly now?: Date;
}

/** Writes a new workspace into `dir`, which must not hold one yet. */
export async function createWorkspace(dir: string, options: CreateOptions): Promise<void> {
  const now = (options.now ?? new Date()).toISOString();
  const codebook = options.withoutTags
    ? { tags: [] }
    : Codebook.parse(await readJson(path.join(options.resourcesDir, 'codebook', 'default-codebook.json')));
  const sampleDir = path.join(options.resourcesDir, 'sample');
  const sample = options.empty ? undefined : SampleManifest.parse(await readJson(path.join(sampleDir, 'sample.json')));

  const workspace = WorkspaceFile.parse({
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    name: options.name ?? sample?.name ?? 'My workspace',
    createdAt: now,
    settings: { analystName: sample?.analystName ?? '', statuses: DEFAULT_STATUSES, verdictScale: DEFAULT_VERDICT_SCALE, welcomed: false },
    codebook,
  });

  const documents: DocumentFile[] = [];
  /** Each sample annotation's ref, by `sampleKey`, for the links and claims. */
  const refs = new Map<string, AnnotationRef>();
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
      importedFrom: sampleOrigin(entry.file),
      textHash: createHash('sha256').update(text, 'utf8').digest('hex'),
      tags: [],
    };
    const annotations = entry.annotations.map((annotation): Annotation => {
      const start = nthIndexOf(text, annotation.quote, annotation.occurrence);
      if (start < 0) throw new Error(`sample ${entry.file}: quote not found: ${annotation.quote}`);
      const id = randomUUID();
      const key = sampleKey({ file: entry.file, quote: annotation.quote, occurrence: annotation.occurrence });
      if (refs.has(key))
        throw new Error(
          `sample ${entry.file}: two annotations of ${JSON.stringify(annotation.quote)} (occurrence ${annotation.occurrence})`,
        );
      refs.set(key, { documentId: meta.id, annotationId: id });
      return {
        id,
        target: textTarget(text, start, start + annotation.quote.length),
        anchor: { state: 'exact' },
        tags: annotation.tags,
        speaker: annotation.speaker,
        outlet: annotation.outlet,
        status: annotation.status,
        note: annotation.note,
        creator: SAMPLE_CREATOR,
        created: importedAt,
        modified: importedAt,
      };
    });
    documents.push(DocumentFile.parse({ schemaVersion: WORKSPACE_SCHEMA_VERSION, meta, text, annotations, structure: {}, versions: [] }));
  }

  const evidence = sampleEvidence(sample ?? { links: [], claims: [] }, refs, { now, scale: workspace.settings.verdictScale });

  await mkdir(path.join(dir, DOCUMENTS_DIR), { recursive: true });
  for (const document of documents) {
    await writeJson(path.join(dir, DOCUMENTS_DIR, `${document.meta.id}.json`), document);
  }
  await writeJson(path.join(dir, EVIDENCE_FILE), evidence);
  // workspace.json last: a folder without it is not yet a workspace, so a crash midway can be retried.
  await writeJson(path.join(dir, WORKSPACE_FILE), workspace);
}

/** The sample's links and claims, their ends and mentions resolved to the annotations just made. */
function sampleEvidence(
  sample: Pick<SampleManifest, 'links' | 'claims'>,
  refs: ReadonlyMap<string, AnnotationRef>,
  { now, scale }: { readonly now: string; readonly scale: readonly VerdictRating[] },
): EvidenceFile {
  const resolve = (ref: SampleRef): AnnotationRef => {
    const found = refs.get(sampleKey(ref));
    if (found === undefined)
      throw new Error(`sample evidence: no annotation ${JSON.stringify(ref.quote)} (occurrence ${ref.occurrence}) in ${ref.file}`);
    return found;
  };
  const stamp = { creator: SAMPLE_CREATOR, created: now, modified: now };
  const links = sample.links.map((link): EvidenceLink => ({
    id: randomUUID(),
    relation: link.relation,
    from: resolve(link.from),
    to: resolve(link.to),
    note: link.note,
    ...stamp,
  }));
  const claims = sample.claims.map((claim): Claim => {
    const rating = claim.verdict?.rating;
    if (rating !== undefined && !scale.some((candidate) => candidate.id === rating))
      throw new Error(`sample claim: "${rating}" is not on the verdict scale`);
    return { ...claim, id: randomUUID(), mentions: claim.mentions.map(resolve), ...stamp };
  });
  return EvidenceFile.parse({ schemaVersion: WORKSPACE_SCHEMA_VERSION, links, claims });
}

function sampleKey({ file, quote, occurrence }: SampleRef): string {
  return JSON.stringify([file, quote, occurrence]);
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
