// `claimbench export --out FILE`: the whole workspace as an annotated bundle (.claimbundle).
import path from 'node:path';
import { describeWithoutUrl } from '../../core/interchange/claimreview.ts';
import { ReviewUrlPattern } from '../../core/model/evidence.ts';
import { appVersion, RESOURCES_DIR } from '../app-paths.ts';
import { startBundleExport } from '../bundle/export-job.ts';
import { loadOrCreateSigningKey } from '../bundle/signing.ts';
import { resolveWorkspaceDir, userDataDir } from '../workspace/default-location.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { openWorkbench } from '../workbench/open-workbench.ts';
import { UsageError, type Output } from './output.ts';

export const EXPORT_HELP = `Usage: claimbench export [--workspace DIR] --out FILE [--docs ID,…] [options]

Write the workspace as an annotated bundle (a zip, .claimbundle) that another analyst
can open, verify and merge: every document's exact text and details, its annotations
as W3C Web Annotations (annotations.jsonld, evidence links included), the codebook
(JSON and REFI-QDA .qdc), claims with their verdicts (claims.json, and schema.org
ClaimReview in claimreview.jsonld), claims.csv, brat standoff files (brat/), and a
report.html to read offline. manifest.json lists every file with its size and
SHA-256, and a root hash over the list. A failed or interrupted export leaves no
file behind.

With --format qdpx (or an --out FILE ending in .qdpx) it writes a REFI-QDA project
instead, for NVivo, ATLAS.ti and MAXQDA: the texts as sources, the codebook as codes,
each annotation as a coded selection with its note, and the evidence links.

Options:
  --out FILE       where to write the bundle (required; replaced if it exists)
  --format F       bundle (.claimbundle) or qdpx (REFI-QDA); default: from FILE's extension
  --docs ID,…      only these documents (default: all)
  --tag ID         only annotations with this tag or a tag inside it (repeatable)
  --status ID      only annotations with this verification status (repeatable)
  --with-originals include the imported files (originals/)
  --review-url PATTERN  the published review of each claim, {claimId} standing for
                   its id (https://factcheck.example/claims/{claimId}): the ClaimReview
                   url of a claim without its own (default: the workspace's pattern).
                   A claim with a verdict and no review URL is left out of
                   claimreview.jsonld, and the export says how many were
  --csv-formula-guard on|off  on (the default): a text cell of claims.csv other
                   than the quote that starts with = + - @ gets a leading ' so
                   that spreadsheets show it as text; off: every cell as it is
  --sign           sign the manifest with your Ed25519 key (made on first use, kept in
                   the per-user app data folder)
  --workspace DIR  the workspace folder (default: $CLAIMBENCH_WORKSPACE, else the
                   per-user app data folder)
  --json           print one JSON object per event
  -h, --help       show this help`;

export interface ExportCommandOptions {
  readonly workspace?: string;
  readonly out?: string;
  readonly originals: boolean;
  readonly sign: boolean;
  readonly documents?: readonly string[];
  readonly tags?: readonly string[];
  readonly statuses?: readonly string[];
  /** `bundle` or `qdpx`; by default from the extension of `out`. */
  readonly format?: string;
  /** The review URL pattern for this export, instead of the workspace's. */
  readonly reviewUrl?: string;
  /** `on` or `off` (claims.csv's formula guard); default on. */
  readonly csvFormulaGuard?: string;
}

export async function exportCommand(
  { workspace, out, originals, sign, documents, tags, statuses, format: asked, reviewUrl, csvFormulaGuard }: ExportCommandOptions,
  output: Output,
): Promise<number> {
  if (out === undefined || out === '') throw new UsageError('name the bundle to write with --out FILE');
  if (csvFormulaGuard !== undefined && csvFormulaGuard !== 'on' && csvFormulaGuard !== 'off')
    throw new UsageError(`--csv-formula-guard must be on or off, not "${csvFormulaGuard}"`);
  if (reviewUrl !== undefined) {
    const pattern = ReviewUrlPattern.safeParse(reviewUrl);
    if (!pattern.success) throw new UsageError(`--review-url: ${pattern.error.issues[0]?.message ?? 'not a pattern'}`);
  }
  if (asked !== undefined && asked !== 'bundle' && asked !== 'qdpx')
    throw new UsageError(`--format must be bundle or qdpx, not "${asked}"`);
  const format = asked ?? (out.toLowerCase().endsWith('.qdpx') ? 'qdpx' : 'bundle');
  if (format === 'qdpx' && (sign || originals))
    throw new UsageError('--sign and --with-originals are for bundles; a .qdpx project has neither');
  const workbench = await openWorkbench(resolveWorkspaceDir(workspace), {
    resourcesDir: RESOURCES_DIR,
    lock: 'claimbench export',
    service: { extractors: EXTRACTORS },
  });
  try {
    return await exportFrom(
      workbench.store,
      { out, originals, sign, documents, tags, statuses, format, reviewUrl, csvFormulaGuard },
      output,
    );
  } finally {
    await workbench.close();
  }
}

async function exportFrom(
  store: WorkspaceStore,
  {
    out,
    originals,
    sign,
    documents,
    tags,
    statuses,
    format,
    reviewUrl,
    csvFormulaGuard,
  }: ExportCommandOptions & { out: string; format: 'bundle' | 'qdpx' },
  output: Output,
): Promise<number> {
  const unknown = [
    ...(documents ?? []).filter((id) => store.head(id) === undefined).map((id) => `no document "${id}"`),
    ...(tags ?? [])
      .filter((id) => !store.workspace.codebook.tags.some((tag) => tag.id === id))
      .map((id) => `no tag "${id}" in the codebook`),
    ...(statuses ?? [])
      .filter((id) => !store.workspace.settings.statuses.some((status) => status.id === id))
      .map((id) => `no status "${id}"`),
  ];
  if (unknown.length > 0) throw new UsageError(`${unknown.join('; ')} in this workspace`);
  const createdAt = new Date().toISOString();
  // The manifest names its creator: the analyst name of the workspace settings, if set.
  const creator = store.workspace.settings.analystName || 'Unnamed analyst';
  const keysDir = path.join(userDataDir(), 'keys');
  if (sign) {
    // Made (or checked) here, so that a key that cannot be had is reported as such; the export's worker reads it again.
    const key = await loadOrCreateSigningKey(keysDir, creator);
    if (!key.ok) {
      output.error(key.error.code, key.error.message);
      return 1;
    }
  }
  const header = { appVersion: appVersion(), creator, workspace: store.workspace.name, createdAt };
  const target = path.resolve(out);
  // The bundle is built and written in a worker thread; Ctrl+C cancels it, leaving no partial file.
  const job = startBundleExport({
    workspaceDir: store.dir,
    target,
    header,
    content: {
      originals,
      generatedAt: createdAt,
      ...(documents ? { documents } : {}),
      ...(tags ? { tags } : {}),
      ...(statuses ? { statuses } : {}),
      ...(reviewUrl !== undefined ? { reviewUrlPattern: reviewUrl.trim() } : {}),
      ...(csvFormulaGuard !== undefined ? { csvFormulaGuard: csvFormulaGuard === 'on' } : {}),
    },
    ...(sign && format === 'bundle' ? { signing: { keysDir, signer: creator } } : {}),
    format,
  });
  const interrupt = () => job.cancel();
  process.once('SIGINT', interrupt);
  const written = await job.done.finally(() => process.off('SIGINT', interrupt));
  if (!written.ok) {
    output.error(written.error.code, written.error.message);
    return written.error.code === 'cancelled' ? 130 : 1;
  }
  if (written.value.format === 'qdpx') {
    const { entries, skipped, stripped } = written.value;
    output.report('exported', `Wrote ${target}: a REFI-QDA project with ${entries - 1} source(s)`, {
      path: target,
      format: 'qdpx',
      entries,
      skipped,
      stripped,
    });
    if (skipped.annotations + skipped.links > 0)
      output.report(
        'note',
        `REFI-QDA leaves out ${skipped.annotations} annotation(s) no longer found in their text and ${skipped.links} link(s) to what was not exported`,
        { skipped },
      );
    if (stripped > 0)
      output.report('note', `${stripped} character(s) that XML 1.0 cannot carry were left out of project.qde (the texts keep them)`, {
        stripped,
      });
    return 0;
  }
  const { manifest, notes } = written.value;
  output.report(
    'exported',
    `Wrote ${target}: ${manifest.files.length} files, root hash ${manifest.rootHash}${manifest.signature ? `, signed by ${manifest.signature.signer}` : ''}`,
    {
      path: target,
      files: manifest.files.length,
      rootHash: manifest.rootHash,
      signed: manifest.signature !== undefined,
    },
  );
  const { annotations, crossDocumentLinks } = notes.bratSkipped;
  if (annotations + crossDocumentLinks > 0) {
    output.report(
      'note',
      `brat/ leaves out ${annotations} annotation(s) not found in their text and ${crossDocumentLinks} link(s) across documents, which brat cannot hold`,
      { bratSkipped: notes.bratSkipped },
    );
  }
  const withoutUrl = describeWithoutUrl(notes.claimReviewsWithoutUrl);
  if (withoutUrl !== undefined) output.report('note', withoutUrl, { claimReviewsWithoutUrl: notes.claimReviewsWithoutUrl });
  return 0;
}
