// Reads a file of texts to match (`claimbench match QUERIES.tsv`): one `id<TAB>text` per line, the
// shape of the CheckThat! query files (`tweets.queries.tsv`), so the shared task's data runs as is.
import { fail, ok, type Result } from '../result.ts';

/** One text to match, and the id its results are reported under. */
export interface MatchQuery {
  readonly id: string;
  readonly text: string;
}

/**
 * The queries of a `id<TAB>text` file. The text is the rest of the line, as it is (a quote or a
 * tab in it is text). A first line whose id is "id" or empty is a header (CheckThat! files begin
 * `<TAB>tweet_content`); blank lines are skipped; CRLF and a byte-order mark are accepted. Fails,
 * naming the line, on a line without a tab, an empty id or text, or an id used before.
 * @example parseQueriesTsv('id\ttext\nq1\tBleach cures flu.\n') // ok([{ id: 'q1', text: 'Bleach cures flu.' }])
 */
export function parseQueriesTsv(text: string): Result<MatchQuery[], 'invalid'> {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  const queries: MatchQuery[] = [];
  const firstLine = new Map<string, number>();
  let header = true;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const number = index + 1;
    const tab = line.indexOf('\t');
    const id = tab === -1 ? line.trim() : line.slice(0, tab).trim();
    if (header && /^(?:id)?$/i.test(id)) {
      header = false;
      continue;
    }
    header = false;
    if (tab === -1) return fail('invalid', `Line ${number}: no tab; each line is id<TAB>text.`);
    const query = line.slice(tab + 1).trim();
    if (id === '') return fail('invalid', `Line ${number}: the id (before the tab) is empty.`);
    if (query === '') return fail('invalid', `Line ${number}: the text (after the tab) is empty.`);
    const before = firstLine.get(id);
    if (before !== undefined) return fail('invalid', `Line ${number}: the id ${JSON.stringify(id)} was used on line ${before}.`);
    firstLine.set(id, number);
    queries.push({ id, text: query });
  }
  if (queries.length === 0) return fail('invalid', 'No queries: each line is id<TAB>text.');
  return ok(queries);
}
