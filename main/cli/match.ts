// `claimbench match QUERIES.tsv`: "has this been checked before?" for each text of a file, against
// the workspace's fact-check archive and its claims with verdicts (main/archive/match-targets.ts).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createMatcher, type Match } from '../../core/matching/matcher.ts';
import { parseQueriesTsv, type MatchQuery } from '../../core/matching/queries-tsv.ts';
import { matchTargets, type MatchSource } from '../archive/match-targets.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { WORKSPACE_FILE } from '../store/workspace-layout.ts';
import { openWorkbench } from '../workbench/open-workbench.ts';
import { resolveWorkspaceDir } from '../workspace/default-location.ts';
import { UsageError, type Output } from './output.ts';

export const MATCH_HELP = `Usage: claimbench match [options] QUERIES.tsv

For each text in QUERIES.tsv, rank what the workspace says was checked before: the
entries of its fact-check archive (claimbench archive import) and its own claims
that have a verdict. Each line of the file is id<TAB>text; a first line id<TAB>text
(or <TAB>tweet_content, as in the CheckThat! files) is a header.

Prints a block per query: each match's rank, score, level (strong: may be linked
without asking; suggestion: for a person to confirm; weak), rating, publisher, id
and claim. With --json, one line per query, best match first:
  {"event":"match","id":"q1","matches":[{"archiveId":"394","score":23.4,…},…]}
(a workspace claim as "claimId" instead of "archiveId").

Exits 0, 1 if there is nothing to match against (the archive is empty and no claim
has a verdict), 2 on a usage error or a mistake in QUERIES.tsv (the line is named).

Options:
  --top K          how many matches per query (default 5, at most 100)
  --workspace DIR  the workspace folder (default: $CLAIMBENCH_WORKSPACE, else the
                   per-user app data folder)
  --json           print one JSON object per query
  -h, --help       show this help`;

export interface MatchCommandOptions {
  readonly workspace?: string;
  readonly top?: string;
  readonly files: readonly string[];
}

export async function matchCommand({ workspace, top: topText, files }: MatchCommandOptions, output: Output): Promise<number> {
  if (files.length !== 1) throw new UsageError('name one queries file (id<TAB>text per line)');
  const top = topOf(topText);
  const file = files[0]!;
  const queries = await readQueries(file, output);
  if (queries === undefined) return 2;

  const dir = path.resolve(resolveWorkspaceDir(workspace));
  if (
    !(await stat(path.join(dir, WORKSPACE_FILE)).then(
      () => true,
      () => false,
    ))
  ) {
    output.error(
      'not-a-workspace',
      `${dir} is not a Claimbench workspace (it has no ${WORKSPACE_FILE}). Fill its archive first: claimbench archive import --workspace ${dir} FILE…`,
    );
    return 1;
  }
  const workbench = await openWorkbench(dir, {
    resourcesDir: RESOURCES_DIR,
    lock: 'claimbench match',
    service: { extractors: EXTRACTORS },
  });
  try {
    const { store } = workbench;
    const { targets, sources, archiveEntries, claims } = matchTargets(
      store.archive,
      store.evidence.claims,
      store.workspace.settings.verdictScale,
    );
    if (targets.length === 0) {
      output.error(
        'empty-archive',
        `The workspace's fact-check archive is empty and none of its claims has a verdict, so there is nothing to match against (${dir}). Import fact-checks with claimbench archive import FILE… (ClaimReview JSON-LD, CSV or CheckThat! TSV).`,
      );
      return 1;
    }
    const matcher = createMatcher(targets);
    for (const query of queries) report(output, query, matcher.match(query.text, { top }), sources);
    if (!output.json)
      output.report(
        'summary',
        `${count(queries.length, 'query', 'queries')} matched against ${count(archiveEntries, 'archive entry', 'archive entries')} and ${count(claims, 'claim', 'claims')} with a verdict (${dir})`,
      );
    return 0;
  } finally {
    await workbench.close();
  }
}

function topOf(text: string | undefined): number {
  if (text === undefined) return 5;
  const top = Number(text);
  if (!/^\d+$/.test(text) || top < 1 || top > 100) throw new UsageError(`--top must be a whole number from 1 to 100, not "${text}"`);
  return top;
}

/** The queries of `file`, or undefined (the error said) when it cannot be read or has a mistake. */
async function readQueries(file: string, output: Output): Promise<MatchQuery[] | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    output.error(
      'unreadable',
      `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message}`,
    );
    return undefined;
  }
  const parsed = parseQueriesTsv(text);
  if (!parsed.ok) {
    output.error('invalid-queries', `${file}: ${parsed.error.message}`);
    return undefined;
  }
  return parsed.value;
}

function report(output: Output, query: MatchQuery, matches: readonly Match[], sources: ReadonlyMap<string, MatchSource>): void {
  const data = matches.map((match) => {
    const source = sources.get(match.id)!;
    const id = source.kind === 'claim' ? { claimId: source.claim.id } : { archiveId: match.id };
    return { ...id, score: round(match.score), coverage: round(match.coverage), level: match.level };
  });
  const lines = [`${query.id}: ${shorten(query.text, 100)}`];
  if (matches.length === 0) lines.push('  no match');
  for (const [index, match] of matches.entries()) {
    const source = sources.get(match.id)!;
    const [rating, publisher, claim] =
      source.kind === 'claim'
        ? [source.rating, 'this workspace', source.claim.statement]
        : [source.entry.rating ?? 'no rating', source.entry.publisher, source.entry.claim];
    lines.push(
      `  ${index + 1}. ${match.score.toFixed(2).padStart(6)}  ${match.level.padEnd(10)} ${match.id}  ${[rating, publisher].filter(Boolean).join(', ')}`,
    );
    lines.push(`     ${shorten(claim, 160)}`);
  }
  output.report('match', `${lines.join('\n')}\n`, { id: query.id, matches: data });
}

function shorten(text: string, length: number): string {
  const characters = [...text.replace(/\s+/g, ' ').trim()];
  return characters.length <= length ? characters.join('') : `${characters.slice(0, length - 1).join('')}…`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
