// The CLEF CheckThat! verified-claims file (`id<TAB>vclaim<TAB>title`, Task 2 2020–2022) as
// archive entries: the format the shared task's 10,373 Snopes claims come in.
import { fail, ok, type Result } from '../result.ts';
import { ArchiveEntry, compactEntry, type ArchiveParseError } from './entry.ts';

/**
 * Reads a CheckThat! TSV. A header line whose first cell is empty or "id" is skipped; blank lines
 * are ignored; CRLF is accepted. A cell that starts with `"` is quoted the CSV way: it runs to the
 * `"` before the next tab or line break, may span lines, and `""` in it is one `"` (the 2020 file
 * has 16 claims written over two lines so). Fails, naming the line, on a record that is not three
 * cells, a claim or id that is empty, or an id used before.
 * @example parseCheckThatTsv('\tvclaim\ttitle\n0\tThe moon is cheese.\tIs the moon cheese?')
 */
export function parseCheckThatTsv(text: string): Result<ArchiveEntry[], ArchiveParseError> {
  const entries: ArchiveEntry[] = [];
  const seen = new Set<string>();
  let first = true;
  for (const record of records(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) {
    if (typeof record === 'string') return fail('invalid', record);
    const { line, cells } = record;
    const isHeader = first && /^(?:id)?$/i.test(cells[0]?.trim() ?? '') && /^v?claim$/i.test(cells[1]?.trim() ?? '');
    first = false;
    if (isHeader || (cells.length === 1 && cells[0]?.trim() === '')) continue;
    if (cells.length !== 3)
      return fail('invalid', `Line ${line}: ${cells.length} tab-separated cells; a CheckThat! line is id<TAB>vclaim<TAB>title.`);
    const [id = '', claim = '', title = ''] = cells;
    const parsed = ArchiveEntry.safeParse(compactEntry({ id, claim, title }));
    if (!parsed.success) return fail('invalid', `Line ${line}: ${parsed.error.issues[0]?.message ?? 'not an archive entry'}.`);
    if (seen.has(parsed.data.id)) return fail('invalid', `Line ${line}: the id ${JSON.stringify(parsed.data.id)} was used before.`);
    seen.add(parsed.data.id);
    entries.push(parsed.data);
  }
  return ok(entries);
}

/** The records of a tab-separated text with CSV-style quoting, each with the line it starts on; an error message for a quote never closed. */
function* records(text: string): Generator<{ line: number; cells: string[] } | string> {
  let index = 0;
  let line = 1;
  while (index < text.length) {
    const startLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text[index] === '"') {
        const closing = /"(?=\t|\r?\n|$)/g;
        closing.lastIndex = index + 1;
        const end = closing.exec(text);
        if (end === null) {
          yield `Line ${startLine}: a quoted cell is never closed.`;
          return;
        }
        const quoted = text.slice(index + 1, end.index);
        line += (quoted.match(/\n/g) ?? []).length;
        cell = quoted.replaceAll('""', '"').replace(/\r\n/g, '\n');
        index = end.index + 1;
      } else {
        const end = text.slice(index).search(/\t|\r?\n/);
        cell = end === -1 ? text.slice(index) : text.slice(index, index + end);
        index = end === -1 ? text.length : index + end;
      }
      cells.push(cell);
      if (text[index] === '\t') {
        index++;
        continue;
      }
      if (text[index] === '\r') index++;
      if (text[index] === '\n') {
        index++;
        line++;
      }
      break;
    }
    yield { line: startLine, cells };
  }
}
