// What goes into an annotated bundle (.claimbundle), each file from the store's validated data:
//   documents/<id>.txt   the exact annotated text        documents/<id>.json  metadata, structure, versions
//   originals/<sha256>   the imported files (optional)   annotations.jsonld   W3C AnnotationCollection (links too)
//   codebook.json, codebook.qdc (REFI-QDA)               claims.json          claims with mentions and verdicts
//   claimreview.jsonld   schema.org ClaimReview          claims.csv           one row per annotation
//   brat/                brat standoff + annotation.conf report.html          one page to read offline and print
//   archive.json         the fact-check archive, when the workspace has one (merged by id on import)
//   agreement.csv        how far the coders agree (only when the annotations come from two or more)
import { bratFiles } from '../../core/interchange/brat.ts';
import { claimReviewExport, claimReviewJsonText } from '../../core/interchange/claimreview.ts';
import { claimsCsvRecords } from '../../core/interchange/claims-csv.ts';
import type { ExportInput } from '../../core/interchange/export-input.ts';
import { exportAgreement, exportAgreementCsv } from '../../core/interchange/export-agreement.ts';
import { reportHtmlParts } from '../../core/interchange/report-html.ts';
import { descendantsOf } from '../../core/codebook/edit.ts';
import type { AnnotationRef, EvidenceData } from '../../core/model/evidence.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { everyDocument } from '../store/tally.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { codebookQdc } from '../export/codebook-qdc.ts';
import { w3cCollectionParts } from '../export/w3c-collection.ts';
import { SLICE_BYTES } from './deflate-slices.ts';
import { ChunkPool, utf8Chunks } from './entry-chunks.ts';
import type { BundleEntry, CopiedBundleEntry, StreamedBundleEntry } from './write-bundle.ts';

export interface BundleContentOptions {
  /** Include the imported files (originals/<sha256>). */
  readonly originals: boolean;
  readonly generatedAt: string;
  /** Only these documents (ids); all when absent. */
  readonly documents?: readonly string[];
  /** Only annotations carrying one of these tags (or a tag inside one of them). */
  readonly tags?: readonly string[];
  /** Only annotations with one of these verification statuses. */
  readonly statuses?: readonly string[];
  /** The review URL pattern for this export (`{claimId}`), instead of the workspace's. */
  readonly reviewUrlPattern?: string;
  /** claims.csv: guard cells other than the quote against spreadsheet formulas (default true). */
  readonly csvFormulaGuard?: boolean;
}

/**
 * The workspace as the export sees it: the chosen documents, their annotations that pass the
 * filters, and the links and claim mentions among those (nothing points outside the bundle).
 */
export async function exportSelection(
  store: WorkspaceStore,
  options: Pick<BundleContentOptions, 'documents' | 'tags' | 'statuses'>,
): Promise<{ documents: DocumentFile[]; evidence: EvidenceData }> {
  const { codebook } = store.workspace;
  const wantedTags = options.tags === undefined ? undefined : new Set(options.tags.flatMap((id) => [id, ...descendantsOf(codebook, id)]));
  const wantedStatuses = options.statuses === undefined ? undefined : new Set(options.statuses);
  const wantedDocuments = options.documents === undefined ? undefined : new Set(options.documents);
  // The whole selection at once, until the export streams (on-demand store step 7).
  const documents = (await everyDocument(store, options.documents === undefined ? {} : { ids: options.documents })).map((file) => ({
    ...file,
    annotations: file.annotations.filter(
      (annotation) =>
        (wantedTags === undefined || annotation.tags.some((tag) => wantedTags.has(tag))) &&
        (wantedStatuses === undefined || wantedStatuses.has(annotation.status)),
    ),
  }));
  // Whether an annotation is exported: only the documents that links and mentions point into get
  // a set of their annotations' ids (not one key for each of the export's annotations).
  const byId = new Map(documents.map((file) => [file.meta.id, file]));
  const idsOf = new Map<string, ReadonlySet<string>>();
  const kept = (ref: AnnotationRef): boolean => {
    const file = byId.get(ref.documentId);
    if (file === undefined) return false;
    let ids = idsOf.get(ref.documentId);
    if (ids === undefined) idsOf.set(ref.documentId, (ids = new Set(file.annotations.map((annotation) => annotation.id))));
    return ids.has(ref.annotationId);
  };
  const { links, claims } = store.evidence;
  const whole = wantedDocuments === undefined && wantedTags === undefined && wantedStatuses === undefined;
  return {
    documents,
    evidence: {
      links: links.filter((link) => kept(link.from) && kept(link.to)),
      claims: claims.flatMap((claim) => {
        // A claim left without mentions (its verdict stays) belongs to the whole workspace, not to a selection.
        if (claim.mentions.length === 0) return whole ? [claim] : [];
        const mentions = claim.mentions.filter(kept);
        return mentions.length > 0 ? [{ ...claim, mentions }] : [];
      }),
    },
  };
}

/** What brat could not hold, for the exporter to tell the analyst. */
export interface BundleNotes {
  readonly bratSkipped: { readonly annotations: number; readonly crossDocumentLinks: number; readonly linksToUnplaced: number };
  /** Claims with a verdict left out of claimreview.jsonld: they have no review URL (their own or from a pattern). */
  readonly claimReviewsWithoutUrl: number;
}

// Buffer.from encodes UTF-8 faster than TextEncoder for the large, mostly ASCII texts of an export.
const text = (content: string): Uint8Array => Buffer.from(content, 'utf8');
const json = (value: unknown) => text(`${JSON.stringify(value, null, 2)}\n`);

/**
 * A W3C collection as JSON with one annotation per line: still easy to read and to diff, and far
 * smaller and faster to write than indenting every level (100,000 annotations: 107 MB, not 168).
 * Yielded a line at a time, for the writer to encode and deflate as it goes.
 */
function* collectionJson({ head, items }: ReturnType<typeof w3cCollectionParts>): Generator<string> {
  const opening = JSON.stringify(head);
  // The items go where the empty array closes: `"items":[]}}` ends the head.
  const cut = opening.lastIndexOf('[]');
  yield `${opening.slice(0, cut)}[\n`;
  // Separator and item apart: a string made of the two would have to be flattened to be encoded.
  let first = true;
  for (const item of items) {
    if (!first) yield ',\n';
    first = false;
    yield JSON.stringify(item);
  }
  yield `\n]${opening.slice(cut + 2)}\n`;
}

/** The entries of a bundle, each made only when it is asked for (see `bundleEntryPlan`). */
export interface BundleEntryPlan {
  /** How many entries `entries` yields. */
  readonly count: number;
  readonly entries: AsyncIterable<BundleEntry | StreamedBundleEntry | CopiedBundleEntry>;
  /** Complete once `entries` has been iterated to its end (brat's files are counted as they are made). */
  readonly notes: BundleNotes;
  /** What the bundle holds. */
  readonly contents: ExportCounts;
}

/** How much an export holds. */
export interface ExportCounts {
  readonly documents: number;
  readonly annotations: number;
  readonly links: number;
  readonly claims: number;
}

/** The counts of a selection (see `exportSelection`). */
export function countsOf({ documents, evidence }: Awaited<ReturnType<typeof exportSelection>>): ExportCounts {
  return {
    documents: documents.length,
    annotations: documents.reduce((sum, file) => sum + file.annotations.length, 0),
    links: evidence.links.length,
    claims: evidence.claims.length,
  };
}

/**
 * The entries of a bundle of the workspace, in a stable order, made one at a time as they are
 * iterated: the export deflates one while the next is made, and holds only a few in memory. What
 * they are made of is read now (the store's data, the texts of earlier versions); only originals
 * are read later, which is safe as they are never changed or removed (named by their SHA-256).
 *
 * @example
 * const plan = await bundleEntryPlan(store, { originals: false, generatedAt: new Date().toISOString() });
 * await writeBundle(target, plan.entries, header, { entryCount: plan.count });
 */
export async function bundleEntryPlan(store: WorkspaceStore, options: BundleContentOptions): Promise<BundleEntryPlan> {
  const { workspace } = store;
  const { documents, evidence } = await exportSelection(store, options);
  const input: ExportInput = {
    workspace: {
      name: workspace.name,
      statuses: workspace.settings.statuses,
      verdictScale: workspace.settings.verdictScale,
      codebook: workspace.codebook,
    },
    documents: documents.map((file) => ({ meta: file.meta, text: file.text, annotations: file.annotations })),
    evidence,
  };
  // A maker gives the entry's bytes, or (`stream`) the strings it is made of, encoded as they come.
  const makers: (
    | { readonly path: string; readonly make: () => Uint8Array | Promise<Uint8Array> }
    | { readonly path: string; readonly stream: () => Iterable<string> }
    | { readonly path: string; readonly copyOf: string }
  )[] = [];
  // Entries that a later one copies (brat's texts are the documents' texts): deflated once for both.
  const copied = new Set<string>();
  for (const file of documents) {
    makers.push({ path: `documents/${file.meta.id}.txt`, make: () => text(file.text) });
    makers.push({
      path: `documents/${file.meta.id}.json`,
      make: () => json({ meta: file.meta, structure: file.structure, versions: file.versions }),
    });
  }
  // Earlier versions' texts: an orphaned annotation's span refers to one of them.
  const texts = new Set(documents.flatMap((file) => file.versions.map((version) => version.textHash)));
  for (const hash of [...texts].sort()) {
    const versionText = await store.readVersionText(hash);
    if (versionText !== undefined) makers.push({ path: `texts/${hash}`, make: () => text(versionText) });
  }
  if (options.originals) {
    const hashes = new Set(documents.flatMap((file) => (file.meta.originalHash === undefined ? [] : [file.meta.originalHash])));
    for (const hash of [...hashes].sort()) makers.push({ path: `originals/${hash}`, make: () => readOriginal(store, hash) });
  }
  makers.push({
    path: 'annotations.jsonld',
    stream: () => collectionJson(w3cCollectionParts({ workspace, documents, evidence }, { versions: true })),
  });
  makers.push({ path: 'codebook.json', make: () => json(workspace.codebook) });
  makers.push({ path: 'codebook.qdc', make: () => text(codebookQdc(workspace)) });
  makers.push({
    path: 'settings.json',
    make: () =>
      json({
        workspace: workspace.name,
        statuses: workspace.settings.statuses,
        verdictScale: workspace.settings.verdictScale,
        savedSearches: workspace.settings.savedSearches,
      }),
  });
  makers.push({ path: 'claims.json', make: () => json({ claims: evidence.claims, verdictScale: workspace.settings.verdictScale }) });
  // The fact-checks the claims were matched against travel with them (whatever documents were chosen).
  const archive = store.archive;
  if (archive.length > 0) makers.push({ path: 'archive.json', make: () => json({ entries: archive }) });
  const claimReview = claimReviewExport(input, { urlPattern: options.reviewUrlPattern ?? workspace.settings.reviewUrlPattern });
  makers.push({ path: 'claimreview.jsonld', make: () => text(claimReviewJsonText(claimReview.reviews)) });
  // With a BOM: spreadsheet software then reads it as UTF-8.
  makers.push({ path: 'claims.csv', stream: () => claimsCsvRecords(input, { bom: true, formulaGuard: options.csvFormulaGuard ?? true }) });
  // Each file made when its turn comes; what brat left out is counted meanwhile (see `notes`).
  const brat = bratFiles(input);
  const documentTexts = new Map(documents.map((file) => [`${file.meta.id}.txt`, file]));
  for (const file of brat.files) {
    const document = documentTexts.get(file.path);
    // A .txt of brat's is its document's text (checked: the same string), the bytes of documents/<id>.txt.
    if (document !== undefined && file.make() === document.text) {
      copied.add(`documents/${file.path}`);
      makers.push({ path: `brat/${file.path}`, copyOf: `documents/${file.path}` });
    } else makers.push({ path: `brat/${file.path}`, make: () => text(file.make()) });
  }
  // Computed once, for the report's table and the CSV, when there are two coders or more.
  const agreement = exportAgreement(input);
  if (agreement !== undefined && !agreement.tooMany)
    makers.push({ path: 'agreement.csv', make: () => text(exportAgreementCsv(input, agreement)) });
  makers.push({
    path: 'report.html',
    stream: () => reportHtmlParts(input, { generatedAt: options.generatedAt, agreement: agreement ?? null }),
  });
  // The streamed entries' chunk buffers, used again once written (entry-chunks.ts).
  const pool = new ChunkPool();
  async function* entries(): AsyncGenerator<BundleEntry | StreamedBundleEntry | CopiedBundleEntry> {
    for (const maker of makers)
      if ('stream' in maker) yield { path: maker.path, chunks: utf8Chunks(maker.stream(), SLICE_BYTES, pool), recycle: pool.recycle };
      else if ('copyOf' in maker) yield maker;
      else yield { path: maker.path, bytes: await maker.make(), ...(copied.has(maker.path) ? { copied: true } : {}) };
  }
  return {
    count: makers.length,
    entries: entries(),
    get notes() {
      return { bratSkipped: brat.skipped(), claimReviewsWithoutUrl: claimReview.withoutUrl.length };
    },
    contents: countsOf({ documents, evidence }),
  };
}

/** The entries of a bundle of the whole workspace, in a stable order, all in memory. */
export async function bundleEntries(
  store: WorkspaceStore,
  options: BundleContentOptions,
): Promise<{ entries: BundleEntry[]; notes: BundleNotes }> {
  const plan = await bundleEntryPlan(store, options);
  const entries: BundleEntry[] = [];
  const byPath = new Map<string, Uint8Array>();
  for await (const entry of plan.entries) {
    if ('bytes' in entry) {
      entries.push({ path: entry.path, bytes: entry.bytes });
      if (entry.copied === true) byPath.set(entry.path, entry.bytes);
    } else if ('copyOf' in entry) entries.push({ path: entry.path, bytes: byPath.get(entry.copyOf)! });
    else {
      const chunks: Uint8Array[] = [];
      for await (const chunk of entry.chunks) chunks.push(chunk);
      entries.push({ path: entry.path, bytes: Buffer.concat(chunks) });
    }
  }
  return { entries, notes: plan.notes };
}

/** An imported file's bytes, which the bundle was asked to include: a missing one fails the export. */
async function readOriginal(store: WorkspaceStore, sha256: string): Promise<Uint8Array> {
  const bytes = await store.readOriginal(sha256);
  if (bytes === undefined) throw new Error(`originals/${sha256} is missing from the workspace`);
  return bytes;
}
