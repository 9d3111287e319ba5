// `claimbench agreement`: how far coders (annotations' creators) agree, per tag and document and
// pooled, from core/agreement's report; the table and JSON lines are in agreement-table.ts.
import { MAX_CODERS } from '../../core/agreement/character-tally.ts';
import { groupByCoder } from '../../core/agreement/coded-annotations.ts';
import { CURATOR } from '../../core/agreement/curation.ts';
import { codersOf, tagsUsed } from '../../core/agreement/default-selection.ts';
import { agreementReport } from '../../core/agreement/report.ts';
import type { SpanMatchRule } from '../../core/agreement/span-f1.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { openWorkbench } from '../workbench/open-workbench.ts';
import { resolveWorkspaceDir } from '../workspace/default-location.ts';
import { agreementTable, rowJson } from './agreement-table.ts';
import { UsageError, type Output } from './output.ts';

export const AGREEMENT_HELP = `Usage: claimbench agreement [--workspace DIR] [--coders A,B] [--tag ID] [--document ID] [--overlap N] [--json]

How far coders agree on which passages are claims of each tag. A coder is an analyst
name as annotations record it (the analyst name in the app's settings when they were
made). For each tag, a line per document and one for the documents together:
  characters  the characters compared
  agreement   the share of characters on which the coders agree (all marked or all not)
  κ           Cohen's kappa for two coders, Fleiss' kappa for more, by character
  α           Krippendorff's alpha, by character
  α_u         Krippendorff's unitized alpha, on the coders' spans
  span F1     the share of spans both coders marked, exactly the same span unless
              --overlap says otherwise (two coders only)
A tag counts together with the tags inside it in the codebook. A figure the data cannot
give (one coder, nothing marked, no variation) is shown as "—" with the reason below
the table, never as a number.

Unless you choose, the coders are every analyst with annotations in the documents (but
"curator", the Agreement view's curated version), the tags every codebook tag they used,
and the documents all of the workspace's.

Exits 0 with the figures, 1 when fewer than two coders have annotations here (or they
used no codebook tag), 2 on wrong usage.

Options:
  --coders A,B     compare these coders (two or more, comma-separated)
  --tag ID         only this tag, with the tags inside it (repeatable)
  --document ID    only this document (repeatable)
  --overlap N      for span F1, two spans are the same when they overlap by at least N
                   percent of the two together (intersection over union; 0–100, 0: any
                   overlap); without it, only the same boundaries match
  --workspace DIR  the workspace folder (default: $CLAIMBENCH_WORKSPACE, else the
                   per-user app data folder)
  --json           print one JSON object per tag and document (documentId null: all
                   documents together): tag, documentId, coders, units and the five
                   figures, each a number or null with <figure>Undefined giving the reason
  -h, --help       show this help`;

export interface AgreementCommandOptions {
  readonly workspace?: string;
  /** The --coders list as given ("Ana,Ben"). */
  readonly coders?: string;
  readonly tags?: readonly string[];
  readonly documents?: readonly string[];
  /** The --overlap percentage as given. */
  readonly overlap?: string;
}

export async function agreementCommand(options: AgreementCommandOptions, output: Output): Promise<number> {
  const spanMatch = spanMatchRule(options.overlap);
  const named =
    options.coders === undefined
      ? undefined
      : [
          ...new Set(
            options.coders
              .split(',')
              .map((name) => name.trim())
              .filter(Boolean),
          ),
        ];
  if (named !== undefined && named.length < 2)
    throw new UsageError('--coders names the coders to compare: two or more, comma-separated ("Ana,Ben")');
  const workbench = await openWorkbench(resolveWorkspaceDir(options.workspace), {
    resourcesDir: RESOURCES_DIR,
    lock: 'claimbench agreement',
    service: { extractors: EXTRACTORS },
  });
  try {
    return report(workbench.store, { ...options, named, spanMatch }, output);
  } finally {
    await workbench.close();
  }
}

function report(
  store: WorkspaceStore,
  { named, tags, documents, spanMatch }: AgreementCommandOptions & { named?: string[]; spanMatch: SpanMatchRule },
  output: Output,
): number {
  const { codebook } = store.workspace;
  const everyCoder = new Set(store.documents.flatMap((document) => document.annotations.map((annotation) => annotation.creator)));
  const unknown = [
    ...(documents ?? []).filter((id) => store.head(id) === undefined).map((id) => `no document "${id}"`),
    ...(tags ?? []).filter((id) => !codebook.tags.some((tag) => tag.id === id)).map((id) => `no tag "${id}" in the codebook`),
    // A coder with annotations elsewhere in the workspace but none in the chosen documents coded nothing there, which counts.
    ...(named ?? []).filter((coder) => !everyCoder.has(coder)).map((coder) => `no annotations by "${coder}"`),
  ];
  if (unknown.length > 0)
    throw new UsageError(
      `${unknown.join('; ')} in this workspace${named !== undefined && everyCoder.size > 0 ? ` (coders: ${[...everyCoder].sort().map(coderName).join(', ')})` : ''}`,
    );

  const chosen = documents === undefined ? store.documents : [...new Set(documents)].map((id) => store.document(id)!);
  const byCoder = groupByCoder(chosen.map((document) => ({ id: document.meta.id, annotations: document.annotations })));
  const coders = named ?? codersOf(byCoder).filter((coder) => coder !== CURATOR);
  if (coders.length < 2) {
    const message =
      coders.length === 0
        ? 'no annotations here; agreement needs two coders'
        : `only one coder (${coderName(coders[0]!)}) has annotations here; agreement needs two`;
    output.error('too-few-coders', message);
    return 1;
  }
  if (coders.length > MAX_CODERS)
    throw new UsageError(`${coders.length} coders have annotations here; choose at most ${MAX_CODERS} with --coders`);
  const tagIds = tags === undefined ? tagsUsed(byCoder, coders, codebook) : [...new Set(tags)];
  if (tagIds.length === 0) {
    output.error(
      'no-tags',
      `none of the annotations of ${coders.map(coderName).join(', ')} here has a tag of the codebook: there is nothing to compare`,
    );
    return 1;
  }

  const rows = agreementReport(
    chosen.map((document) => ({ id: document.meta.id, textLength: document.text.length })),
    byCoder,
    codebook,
    { coders, tagIds, documentIds: chosen.map((document) => document.meta.id), spanMatch },
  );
  const tagNames = new Map(codebook.tags.map((tag) => [tag.id, tag.name]));
  const titles = new Map(chosen.map((document) => [document.meta.id, document.meta.title]));
  const table = agreementTable(rows, {
    tag: (id) => tagNames.get(id) ?? id,
    document: (id) =>
      id === null ? (chosen.length === 1 ? 'together (1 document)' : `together (${chosen.length} documents)`) : (titles.get(id) ?? id),
  });
  if (!output.json) {
    const rule =
      spanMatch.kind === 'exact' ? 'span F1 on exact boundaries' : `span F1 at ≥ ${Math.round(spanMatch.minimum * 1000) / 10}% overlap`;
    output.report('heading', `Agreement of ${coders.map(coderName).join(', ')} (${rule})\n`);
    output.report('heading', table.header);
  }
  rows.forEach((row, index) => output.report('agreement', table.rows[index]!, rowJson(row)));
  if (!output.json && table.footnotes.length > 0) output.report('footnotes', `\n${table.footnotes.join('\n')}`);
  return 0;
}

/** --overlap N (a percentage, 0–100) as a span F1 rule; exact boundaries without it. */
export function spanMatchRule(overlap: string | undefined): SpanMatchRule {
  if (overlap === undefined) return { kind: 'exact' };
  const percent = Number(overlap);
  if (overlap.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100)
    throw new UsageError(`--overlap must be a percentage from 0 to 100, not "${overlap}"`);
  return { kind: 'overlap', minimum: percent / 100 };
}

/** A coder as people read it: annotations made before an analyst name was set have none. */
function coderName(coder: string): string {
  return coder === '' ? '(no analyst name)' : coder;
}
