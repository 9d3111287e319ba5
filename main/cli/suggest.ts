// `claimbench suggest FILE…` and `claimbench suggest --document ID`: the claims core/suggest
// proposes in a text, one line per suggestion. Files are read as an import reads them, without a
// workspace; a document's text is its stored one, so the offsets are those annotations use.
import { suggestClaims, type Suggestion } from '../../core/suggest/index.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { extractSource, unreadableReason } from '../import/extract-file.ts';
import type { ImportLimits } from '../import/extract-types.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { fileSource } from '../import/import-files.ts';
import { openWorkbench } from '../workbench/open-workbench.ts';
import { resolveWorkspaceDir } from '../workspace/default-location.ts';
import { UsageError, type Output } from './output.ts';

export const SUGGEST_HELP = `Usage: claimbench suggest [--json] FILE…
       claimbench suggest [--workspace DIR] --document ID [--json]

Suggest passages worth checking as claims: statements attributed to someone (with a
reporting verb, "according to", or a speaker's turn in a transcript), quotations,
figures (counts, percentages, money, dates, durations) and predictions. Nothing is
written anywhere: the suggestions are for you to read, or for a script to pick from.

Files are read as \`claimbench import\` reads them (text, Markdown, HTML, PDF, Word),
without a workspace. With --document, the document's text as stored in the workspace
is read instead.

Prints one line per suggestion: its kind, where it is (start–end), who says it, the
passage, and why it was suggested. start and end count characters as JavaScript does
(UTF-16 code units) in the text as Claimbench stores it (NFC, LF line endings): the
offsets an annotation of that passage has.

Exits 0 when every text was read (with or without suggestions), 1 when a file could not
be read or the document is not in the workspace (other files are still read), 2 on
wrong usage.

Options:
  --document ID    suggest in this document of the workspace instead of in files
  --workspace DIR  the workspace folder for --document (default: $CLAIMBENCH_WORKSPACE,
                   else the per-user app data folder)
  --max-file-size N  refuse files over N MiB (default 64)
  --json           print one JSON object per suggestion: start, end, kind, speaker,
                   outlet (null when there is none), text, reason, and file when
                   several files are named
  -h, --help       show this help`;

export interface SuggestCommandOptions {
  readonly workspace?: string;
  readonly document?: string;
  readonly limits: ImportLimits;
  readonly files: readonly string[];
}

export async function suggestCommand({ workspace, document, limits, files }: SuggestCommandOptions, output: Output): Promise<number> {
  if (document !== undefined) {
    if (files.length > 0) throw new UsageError('name either files or --document ID, not both');
    return suggestInDocument(workspace, document, output);
  }
  if (workspace !== undefined) throw new UsageError('--workspace is for --document ID: name the document to read');
  if (files.length === 0) throw new UsageError('name at least one file, or a document with --document ID');
  let failed = 0;
  for (const file of files) {
    const text = await readText(file, limits);
    if (!text.ok) {
      failed++;
      output.report('rejected', `✗ ${file}: ${text.message}`, { file, code: text.code, message: text.message });
      continue;
    }
    report(output, file, suggestClaims(text.text), files.length > 1 ? { file } : {});
  }
  return failed > 0 ? 1 : 0;
}

async function readText(
  file: string,
  limits: ImportLimits,
): Promise<{ ok: true; text: string } | { ok: false; code: string; message: string }> {
  let source;
  try {
    source = await fileSource(file);
  } catch (error) {
    return { ok: false, code: 'unreadable', message: unreadableReason(error) };
  }
  const extracted = await extractSource(source, { extractors: EXTRACTORS, limits });
  return extracted.ok ? { ok: true, text: extracted.value.text } : { ok: false, ...extracted.error };
}

async function suggestInDocument(workspace: string | undefined, documentId: string, output: Output): Promise<number> {
  const workbench = await openWorkbench(resolveWorkspaceDir(workspace), {
    resourcesDir: RESOURCES_DIR,
    lock: 'claimbench suggest',
    service: { extractors: EXTRACTORS },
  });
  let found;
  try {
    found = workbench.store.document(documentId);
  } finally {
    // The analysis needs only the text: the workspace is free again while it runs.
    await workbench.close();
  }
  if (found === undefined) {
    output.error('not-found', `there is no document "${documentId}" in ${workbench.store.dir}`);
    return 1;
  }
  report(output, `"${found.meta.title}" (${documentId})`, suggestClaims(found.text), {});
  return 0;
}

/** The suggestions of one text: a heading for people, then a line (an object with --json) each. */
function report(output: Output, label: string, suggestions: readonly Suggestion[], extra: Record<string, unknown>): void {
  if (!output.json) output.report('text', `${label}: ${suggestions.length === 1 ? '1 suggestion' : `${suggestions.length} suggestions`}`);
  for (const suggestion of suggestions) {
    const { start, end, kind, speaker, outlet, text, reason } = suggestion;
    output.report('suggestion', `  ${describe(suggestion)}`, {
      start,
      end,
      kind,
      speaker: speaker ?? null,
      outlet: outlet ?? null,
      text,
      reason,
      ...extra,
    });
  }
}

/**
 * A suggestion as a person reads it.
 * @example describe(s) // 'quote 120–185 Mayor Elena Ortiz: “We will not ration water.” — quotation marks, then reporting verb *said* …'
 */
function describe({ start, end, kind, speaker, outlet, text, reason }: Suggestion): string {
  const reported = outlet === undefined ? '' : ` (reported by ${outlet})`;
  const who = speaker === undefined ? (outlet === undefined ? '' : `${reported.trim()} `) : `${speaker}${reported}: `;
  return `${kind} ${start}–${end} ${who}“${text}” — ${reason}`;
}
