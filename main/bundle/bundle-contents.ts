// What goes into an annotated bundle (.claimbundle), each file from the store's validated data:
//   documents/<id>.txt   the exact annotated text        documents/<id>.json  metadata, structure, versions
//   originals/<sha256>   the imported files (optional)   annotations.jsonld   W3C AnnotationCollection (links too)
//   codebook.json, codebook.qdc (REFI-QDA)               claims.json          claims with mentions and verdicts
//   claimreview.jsonld   schema.org ClaimReview          claims.csv           one row per annotation
//   brat/                brat standoff + annotation.conf report.html          one page to read offline and print
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { bratExport } from '../../core/interchange/brat.ts';
import { claimReviewJsonLd } from '../../core/interchange/claimreview.ts';
import { claimsCsv } from '../../core/interchange/claims-csv.ts';
import type { ExportInput } from '../../core/interchange/export-input.ts';
import { reportHtml } from '../../core/interchange/report-html.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { WorkbenchHost } from '../workbench/workbench-service.ts';
import { w3cCollection } from '../workbench/export-methods.ts';
import type { BundleEntry } from './write-bundle.ts';

export interface BundleContentOptions {
  /** Include the imported files (originals/<sha256>). */
  readonly originals: boolean;
  readonly generatedAt: string;
}

/** What brat could not hold, for the exporter to tell the analyst. */
export interface BundleNotes {
  readonly bratSkipped: { readonly annotations: number; readonly crossDocumentLinks: number; readonly linksToUnplaced: number };
}

const text = (content: string) => new TextEncoder().encode(content);
const json = (value: unknown) => text(`${JSON.stringify(value, null, 2)}\n`);

/** The entries of a bundle of the whole workspace, in a stable order. */
export async function bundleEntries(store: WorkspaceStore, service: Pick<WorkbenchHost, 'exportCodebook'>, options: BundleContentOptions): Promise<{ entries: BundleEntry[]; notes: BundleNotes }> {
  const { workspace, evidence } = store;
  const input: ExportInput = {
    workspace: { name: workspace.name, statuses: workspace.settings.statuses, verdictScale: workspace.settings.verdictScale, codebook: workspace.codebook },
    documents: store.documents.map((file) => ({ meta: file.meta, text: file.text, annotations: file.annotations })),
    evidence,
  };
  const entries: BundleEntry[] = [];
  for (const file of store.documents) {
    entries.push({ path: `documents/${file.meta.id}.txt`, bytes: text(file.text) });
    entries.push({ path: `documents/${file.meta.id}.json`, bytes: json({ meta: file.meta, structure: file.structure, versions: file.versions }) });
  }
  if (options.originals) {
    const hashes = new Set(store.documents.flatMap((file) => (file.meta.originalHash === undefined ? [] : [file.meta.originalHash])));
    for (const hash of [...hashes].sort()) entries.push({ path: `originals/${hash}`, bytes: await readFile(path.join(store.dir, 'originals', hash)) });
  }
  entries.push({ path: 'annotations.jsonld', bytes: json(w3cCollection(store)) });
  entries.push({ path: 'codebook.json', bytes: json(workspace.codebook) });
  entries.push({ path: 'codebook.qdc', bytes: text((await service.exportCodebook('qdc')).text) });
  entries.push({ path: 'claims.json', bytes: json({ claims: evidence.claims, verdictScale: workspace.settings.verdictScale }) });
  entries.push({ path: 'claimreview.jsonld', bytes: text(claimReviewJsonLd(input)) });
  // With a BOM: spreadsheet software then reads it as UTF-8.
  entries.push({ path: 'claims.csv', bytes: text(claimsCsv(input, { bom: true })) });
  const brat = bratExport(input);
  for (const file of brat.files) entries.push({ path: `brat/${file.path}`, bytes: text(file.content) });
  entries.push({ path: 'report.html', bytes: text(reportHtml(input, { generatedAt: options.generatedAt })) });
  return { entries, notes: { bratSkipped: brat.skipped } };
}
