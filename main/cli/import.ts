// `claimbench import FILE…`: imports files into a workspace, one result line per file.
import { randomUUID } from 'node:crypto';
import { MarkdownMode } from '../../core/model/document.ts';
import { describeAnchors } from '../../core/model/import.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import type { ImportLimits } from '../import/extract-types.ts';
import { unreadableReason } from '../import/extract-file.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { fileSource, type ImportOutcome, type ImportSource } from '../import/import-files.ts';
import { openWorkbench } from '../workbench/open-workbench.ts';
import { resolveWorkspaceDir } from '../workspace/default-location.ts';
import { UsageError, type Output } from './output.ts';

export const IMPORT_HELP = `Usage: claimbench import [options] FILE…

Import documents into the workspace: plain text (.txt), Markdown (.md), saved web
pages (.html), PDF (.pdf) and Word (.docx). Each file is checked and extracted on
its own: one that cannot be imported is reported with the reason, and the others
go on. A file whose content is already in the workspace is reported as such, not
imported twice. The original file is kept in the workspace (originals/<sha256>).

Markdown is converted to plain text, as a reader of the rendered page sees it
(headings and paragraphs as lines, list items with their marker, links as their
text followed by the address, no emphasis markers), unless --markdown=source or
the workspace's setting says to keep the source. The original file is kept either way.

Prints one line per file: the document id, title, format and length, or the
reason it was not imported. Exits 1 if any file was rejected, 0 otherwise.

A saved web page whose address (canonical URL) matches a document already in the
workspace is imported as a new version of it: the document keeps its id, details and
annotations, which are found again on the new text; the old version is kept. Name
the document to update yourself with --version-of.

Options:
  --version-of ID  import the one FILE as a new version of document ID
  --markdown=plain|source
                   Markdown as plain text, or its source kept as written (default:
                   the workspace's setting, plain unless changed; a new version is
                   read as its document was)
  --max-file-size N  refuse files over N MiB (default 64)
  --workspace DIR  the workspace folder (default: $CLAIMBENCH_WORKSPACE, else the
                   per-user app data folder); created from the sample if missing
  --empty          create a missing workspace without the sample documents
  --json           print one JSON object per file
  -h, --help       show this help`;

export interface ImportCommandOptions {
  readonly workspace?: string;
  readonly limits: ImportLimits;
  readonly versionOf?: string;
  /** How Markdown files are read, as given (checked here). */
  readonly markdown?: string;
  readonly empty: boolean;
  readonly files: readonly string[];
}

export async function importCommand(
  { workspace, versionOf, markdown: markdownOption, empty, limits, files }: ImportCommandOptions,
  output: Output,
): Promise<number> {
  if (files.length === 0) throw new UsageError('name at least one file to import');
  if (versionOf !== undefined && files.length !== 1) throw new UsageError('--version-of takes exactly one file');
  const markdown = markdownOption === undefined ? undefined : MarkdownMode.safeParse(markdownOption).data;
  if (markdownOption !== undefined && markdown === undefined)
    throw new UsageError(`--markdown is "plain" (converted to plain text) or "source" (kept as written), not "${markdownOption}"`);
  const dir = resolveWorkspaceDir(workspace);
  const workbench = await openWorkbench(dir, {
    resourcesDir: RESOURCES_DIR,
    empty,
    lock: 'claimbench import',
    service: { extractors: EXTRACTORS, limits },
  });

  const sources: ImportSource[] = [];
  let unreadable = 0;
  for (const file of files) {
    try {
      const source = await fileSource(file);
      sources.push({ ...source, ...(versionOf === undefined ? {} : { versionOf }), ...(markdown === undefined ? {} : { markdown }) });
    } catch (error) {
      unreadable++;
      const reason = unreadableReason(error);
      output.report('rejected', `✗ ${file}: ${reason}`, { file, code: 'unreadable', message: reason });
    }
  }

  // Ctrl-C stops after the file in hand, as Cancel does in the app.
  const jobId = `cli-${randomUUID()}`;
  const onSignal = () => void workbench.service.cancelImport(jobId);
  process.once('SIGINT', onSignal);
  try {
    const outcomes = await workbench.service.importSources(jobId, sources);
    for (const [index, outcome] of outcomes.entries()) report(output, sources[index]!.origin, outcome);
    const rejected = unreadable + outcomes.filter((outcome) => outcome.status === 'rejected').length;
    const imported = outcomes.filter((outcome) => outcome.status === 'imported' || outcome.status === 'updated').length;
    output.report(
      'summary',
      `${imported} imported, ${outcomes.length - imported - (rejected - unreadable)} already in the workspace, ${rejected} rejected (${dir})`,
      {
        imported,
        rejected,
        workspace: dir,
      },
    );
    return rejected > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    await workbench.close();
  }
}

function report(output: Output, file: string, outcome: ImportOutcome): void {
  switch (outcome.status) {
    case 'imported':
      output.report(
        'imported',
        `✓ ${file}: ${outcome.documentId} "${outcome.title}" (${outcome.format}, ${outcome.characters} characters)`,
        { file, ...outcome },
      );
      return;
    case 'updated':
      output.report('updated', `↻ ${file}: ${outcome.documentId} "${outcome.title}": ${describeAnchors(outcome.anchors)}`, {
        file,
        ...outcome,
      });
      return;
    case 'duplicate':
      output.report('duplicate', `= ${file}: ${outcome.message} (${outcome.documentId})`, { file, ...outcome });
      return;
    case 'rejected':
      output.report('rejected', `✗ ${file}: ${outcome.message}`, { file, ...outcome });
  }
}
