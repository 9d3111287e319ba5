// `claimbench search QUERY`: the workspace search (issue 19) from the command line, through the
// service as a window asks it. Waits for the search index to be ready first (it is rebuilt when
// missing or stale), so the answer is the workspace's as it is.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { resultCountsText } from '../../core/search/result-counts.ts';
import type { SearchHit } from '../../core/search/search-types.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { WORKSPACE_FILE } from '../store/workspace-layout.ts';
import { openWorkbench } from '../workbench/open-workbench.ts';
import { resolveWorkspaceDir } from '../workspace/default-location.ts';
import { UsageError, type Output } from './output.ts';

export const SEARCH_HELP = `Usage: claimbench search [--workspace DIR] [--json] [--limit N] QUERY

Searches every document, annotation and claim of the workspace. QUERY is one argument
(quote it for the shell): words, "exact phrases", prefix*, -excluded, OR, and fields
tag: status: speaker: outlet: author: creator: role:claim|source doc: before: after:
in:text|quotes|notes|claims (the README has examples). For example:
  claimbench search '"ten times bigger" -outlet:AP'
  claimbench search 'tag:statistic speaker:zelensky after:2024'

Prints each hit with its document and a few words each side, the hit in [brackets].
With --json, one line per hit, best documents first:
  {"documentId":"…","start":120,"end":136,"snippet":"…","score":4.2}
plus "annotationId" and "claimId" where the hit is an annotation or a claim; start and
end are JavaScript string indices into the document's stored (NFC) text.

Exits 0 with hits, 1 with none (or when DIR is not a workspace), 2 on a query it
cannot read (the message says where) or a usage error.

Options:
  --limit N        at most N hits (default 100, at most 100000)
  --workspace DIR  the workspace folder (default: $CLAIMBENCH_WORKSPACE, else the
                   per-user app data folder)
  --json           print one JSON object per hit
  -h, --help       show this help`;

export interface SearchCommandOptions {
  readonly workspace?: string;
  readonly limit?: string;
  readonly positionals: readonly string[];
}

export async function searchCommand({ workspace, limit: limitText, positionals }: SearchCommandOptions, output: Output): Promise<number> {
  if (positionals.length !== 1)
    throw new UsageError('give the query as one argument (quote it: claimbench search \'"ten times" tag:statistic\')');
  const query = positionals[0]!;
  const limit = limitOf(limitText);
  const dir = path.resolve(resolveWorkspaceDir(workspace));
  const isWorkspace = await stat(path.join(dir, WORKSPACE_FILE)).then(
    () => true,
    () => false,
  );
  if (!isWorkspace) {
    output.error('not-a-workspace', `${dir} is not a Claimbench workspace (it has no ${WORKSPACE_FILE}).`);
    return 1;
  }
  const workbench = await openWorkbench(dir, {
    resourcesDir: RESOURCES_DIR,
    lock: 'claimbench search',
    service: { extractors: EXTRACTORS },
  });
  try {
    const { service } = workbench;
    await service.searchReady();
    const answer = await service.search(query, { limit, hitsPerDocument: limit });
    if (!answer.ok) {
      const { message, offset } = answer.error;
      output.error('bad-query', output.json ? message : `${message}\n  ${query}\n  ${' '.repeat([...query.slice(0, offset)].length)}^`);
      return 2;
    }
    if (answer.value.status.state === 'failed')
      output.error('index-failed', `The search index could not be built: ${answer.value.status.message}`);
    const hits = answer.value.groups.flatMap((group) => group.hits.map((hit) => ({ hit, title: group.title }))).slice(0, limit);
    if (output.json) {
      for (const { hit } of hits) process.stdout.write(`${JSON.stringify(jsonLine(hit))}\n`);
    } else {
      let title: string | undefined;
      for (const { hit, title: next } of hits) {
        if (next !== title) output.report('document', `${title === undefined ? '' : '\n'}${next} (${hit.documentId})`);
        title = next;
        output.report('hit', `  ${hit.start}-${hit.end}  ${marked(hit)}`);
      }
      const { counts } = answer.value;
      output.report(
        'summary',
        `${hits.length === 0 ? '' : '\n'}${resultCountsText(counts)}${hits.length < counts.hits ? ` (${hits.length} shown: --limit)` : ''}`,
      );
    }
    return hits.length > 0 ? 0 : 1;
  } finally {
    await workbench.close();
  }
}

/** The documented line: documentId, start, end, snippet, score, and annotationId / claimId when there is one. */
function jsonLine(hit: SearchHit): Record<string, unknown> {
  return {
    documentId: hit.documentId,
    start: hit.start,
    end: hit.end,
    snippet: hit.snippet.text,
    score: Math.round(hit.score * 10_000) / 10_000,
    ...(hit.annotationId === undefined ? {} : { annotationId: hit.annotationId }),
    ...(hit.claimId === undefined ? {} : { claimId: hit.claimId }),
  };
}

/** The snippet on one line, the hit in brackets. */
function marked({ snippet }: SearchHit): string {
  const { text, highlightStart, highlightEnd } = snippet;
  const line = `${text.slice(0, highlightStart)}[${text.slice(highlightStart, highlightEnd)}]${text.slice(highlightEnd)}`;
  return line.replace(/\s+/g, ' ');
}

function limitOf(text: string | undefined): number {
  if (text === undefined) return 100;
  const limit = Number(text);
  if (!/^\d+$/.test(text) || limit < 1 || limit > 100_000)
    throw new UsageError(`--limit must be a whole number from 1 to 100000, not "${text}"`);
  return limit;
}
