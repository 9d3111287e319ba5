// `claimbench check`: checks a workspace like fsck, repairing what it can (see
// main/store/check-workspace.ts), and says what it found and did.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describeMigration } from '../../core/model/migrations.ts';
import { checkWorkspace } from '../store/check-workspace.ts';
import { acquireWorkspaceLock } from '../store/workspace-lock.ts';
import { WORKSPACE_FILE } from '../store/workspace-layout.ts';
import { WorkspaceOpenError } from '../store/open-store.ts';
import { resolveWorkspaceDir } from '../workspace/default-location.ts';
import type { Output } from './output.ts';

export const CHECK_HELP = `Usage: claimbench check [--workspace DIR] [--json]

Check every file of a workspace, like fsck, and repair what can be repaired:
- every JSON file is read and checked against its schema; a damaged one is set aside
  (renamed <name>.corrupt-<time>, never overwritten) and its newest good backup
  (.backups/) restored;
- temp files left by writes that never finished are removed;
- every imported file (originals/) and earlier text (texts/) must hash to its name,
  and every document's text to its textHash;
- every document's imported file and earlier texts must be there, every annotation's
  tags in the codebook and its status defined, every link and claim mention must
  point at an annotation that exists.
The app does the first two whenever it opens a workspace.

Exit codes: 0 everything was valid, 1 problems were found and all repaired,
2 something could not be repaired (the output says what).

Options:
  --workspace DIR  the workspace folder (default: $CLAIMBENCH_WORKSPACE, else the
                   per-user app data folder)
  --json           print one JSON object per finding, then a summary
  -h, --help       show this help`;

export async function checkCommand({ workspace }: { readonly workspace?: string }, output: Output): Promise<number> {
  const dir = path.resolve(resolveWorkspaceDir(workspace));
  if (
    !(await stat(path.join(dir, WORKSPACE_FILE)).then(
      () => true,
      () => false,
    ))
  ) {
    output.error('not-a-workspace', `${dir} is not a Claimbench workspace (it has no ${WORKSPACE_FILE})`);
    return 2;
  }
  const lock = await acquireWorkspaceLock(dir, 'claimbench check');
  if (!lock.ok) {
    output.error(lock.error.code, lock.error.message);
    return 2;
  }
  try {
    const report = await checkWorkspace(dir);
    const migration = describeMigration(report.migrated);
    if (migration !== undefined) output.report('migrated', migration, { files: report.migrated });
    for (const finding of report.findings) {
      output.report(
        'finding',
        `${finding.file}: ${finding.problem}${finding.repaired ? ` — repaired: ${finding.repaired}` : ' — NOT repaired'}`,
        { ...finding },
      );
    }
    const repaired = report.findings.filter((finding) => finding.repaired !== undefined).length;
    const summary =
      report.exitCode === 0
        ? `${dir}: ${report.checked} files checked, all valid`
        : `${dir}: ${report.checked} files checked; ${report.findings.length} problem(s), ${repaired} repaired, ${report.findings.length - repaired} not`;
    output.report('checked', summary, {
      path: dir,
      checked: report.checked,
      problems: report.findings.length,
      repaired,
      exitCode: report.exitCode,
    });
    return report.exitCode;
  } catch (error) {
    if (error instanceof WorkspaceOpenError) {
      output.error(error.code, error.message);
      return 2;
    }
    throw error;
  } finally {
    await lock.value.release();
  }
}
