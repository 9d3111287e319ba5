// `claimbench archive import FILE…`: imports fact-check files into a workspace's archive, one
// result line per file (main/archive/import-archive.ts does the work).
import { importArchiveFiles, type ArchiveImportOutcome } from '../archive/import-archive.ts';
import { ARCHIVE_FORMAT_NAMES } from '../archive/read-archive-file.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { openWorkbench } from '../workbench/open-workbench.ts';
import { resolveWorkspaceDir } from '../workspace/default-location.ts';
import { UsageError, type Output } from './output.ts';

export const ARCHIVE_HELP = `Usage: claimbench archive import [options] FILE…

Import claims that fact-checkers have already checked into the workspace's fact-check
archive, for \`claimbench match\` and the app to match new texts against:
- ClaimReview JSON-LD (.json, .jsonld): one review, an array, a @graph, or a
  fact-check DataFeed (dataFeedElement);
- CSV with a header (.csv): id, claim, title, rating, url, date, publisher, in any
  order (id and claim required); other columns are kept as extra fields;
- CheckThat! TSV (.tsv): id<TAB>vclaim<TAB>title.
Other extensions are recognised by their content.

Entries are matched by id: a new id is added, a known one with different content is
updated, the rest is unchanged. A file with a mistake is refused whole, with the line
or item that is wrong, and adds nothing; the other files go on.

Prints one line per file ("feed.json: 120 added, 3 updated, 0 unchanged") or the
reason it was refused. Exits 1 if any file was refused, 0 otherwise.

Options:
  --workspace DIR  the workspace folder (default: $CLAIMBENCH_WORKSPACE, else the
                   per-user app data folder); created from the sample if missing
  --empty          create a missing workspace without the sample documents
  --json           print one JSON object per file, then a summary
  -h, --help       show this help`;

export interface ArchiveCommandOptions {
  readonly workspace?: string;
  readonly empty: boolean;
  /** The subcommand, then its files. */
  readonly positionals: readonly string[];
}

export async function archiveCommand({ workspace, empty, positionals }: ArchiveCommandOptions, output: Output): Promise<number> {
  const [subcommand, ...files] = positionals;
  if (subcommand === undefined) throw new UsageError('name what to do with the archive: claimbench archive import FILE…');
  if (subcommand !== 'import') throw new UsageError(`unknown archive command "${subcommand}" (there is: import)`);
  if (files.length === 0) throw new UsageError('name at least one file to import into the archive');
  const dir = resolveWorkspaceDir(workspace);
  const workbench = await openWorkbench(dir, {
    resourcesDir: RESOURCES_DIR,
    empty,
    lock: 'claimbench archive import',
    service: { extractors: EXTRACTORS },
  });
  try {
    const outcomes = await importArchiveFiles(workbench.store, files);
    for (const outcome of outcomes) report(output, outcome);
    const refused = outcomes.filter((outcome) => outcome.status === 'refused').length;
    const entries = workbench.store.archive.length;
    output.report(
      'summary',
      `${outcomes.length - refused} imported, ${refused} refused; the archive holds ${entries} ${entries === 1 ? 'entry' : 'entries'} (${dir})`,
      {
        imported: outcomes.length - refused,
        refused,
        entries,
        workspace: dir,
      },
    );
    return refused > 0 ? 1 : 0;
  } finally {
    await workbench.close();
  }
}

function report(output: Output, outcome: ArchiveImportOutcome): void {
  if (outcome.status === 'imported') {
    const { file, added, updated, unchanged, format } = outcome;
    output.report('imported', `✓ ${file}: ${added} added, ${updated} updated, ${unchanged} unchanged (${ARCHIVE_FORMAT_NAMES[format]})`, {
      ...outcome,
    });
    return;
  }
  output.report('refused', `✗ ${outcome.file}: ${outcome.message}`, { ...outcome });
}
