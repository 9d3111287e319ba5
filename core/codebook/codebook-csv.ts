// The codebook as CSV, for spreadsheets and for tools that trade codebooks as CSV (Taguette reads
// `name`, `parent` and `description` columns). Also the rules every codebook importer shares:
// default colours, how a colour may be written, and finding loops of parents.
import { parseCsv, spreadsheetSafe, toCsv, undoSpreadsheetSafe } from '../interchange/csv.ts';
import { Codebook, Tag, TagId } from '../model/codebook.ts';
import { fail, ok, type Result } from '../result.ts';
import { tagIdFor } from './edit.ts';

/** The columns `codebookToCsv` writes, in its order. */
export const CODEBOOK_CSV_COLUMNS = ['id', 'name', 'parent', 'color', 'shortcut', 'description'] as const;
type Column = (typeof CODEBOOK_CSV_COLUMNS)[number];

/** Colours for imported tags that bring none: distinct hues that stay readable as highlights. */
export const TAG_PALETTE: readonly string[] = [
  '#3b82f6',
  '#e6a700',
  '#10a37f',
  '#a855f7',
  '#ec4899',
  '#0ea5e9',
  '#f97316',
  '#14b8a6',
  '#ef4444',
  '#64748b',
  '#84cc16',
  '#6366f1',
];

/** The palette colour for the tag at `index` of an imported codebook (the same file gives the same colours). */
export function paletteColor(index: number): string {
  return TAG_PALETTE[index % TAG_PALETTE.length]!;
}

/**
 * A colour as a tag stores it (`#rrggbb`, lowercase) from `#RGB` or `#RRGGBB` in either case;
 * `undefined` for anything else.
 * @example normalizeColor('#5B6B82') === '#5b6b82'; normalizeColor('#abc') === '#aabbcc'
 */
export function normalizeColor(value: string): string | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim())?.[1]?.toLowerCase();
  if (hex === undefined) return undefined;
  return hex.length === 3 ? `#${[...hex].map((digit) => digit + digit).join('')}` : `#${hex}`;
}

/**
 * Every loop of parents among `tags` (a tag that is, through its parents, inside itself), each as
 * the ids along the loop. Parents that are not among the tags end a chain.
 * @example findParentCycles([{ id: 'a', parentId: 'b' }, { id: 'b', parentId: 'a' }]) // [['a', 'b']]
 */
export function findParentCycles(tags: readonly { readonly id: string; readonly parentId?: string | undefined }[]): string[][] {
  const parentOf = new Map(tags.map((tag) => [tag.id, tag.parentId]));
  const done = new Set<string>();
  const cycles: string[][] = [];
  for (const start of tags) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let id: string | undefined = start.id;
    while (id !== undefined && parentOf.has(id) && !done.has(id)) {
      const seenAt = onPath.get(id);
      if (seenAt !== undefined) {
        cycles.push(path.slice(seenAt));
        break;
      }
      onPath.set(id, path.length);
      path.push(id);
      id = parentOf.get(id);
    }
    for (const visited of path) done.add(visited);
  }
  return cycles;
}

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * Makes ids from names for many tags at once, avoiding `taken` and each other: the ids `tagIdFor`
 * gives one by one (`quote`, `quote-2` …), without searching from `-2` again for every repeat of a
 * name, which a file with thousands of equal names would turn into millions of lookups.
 * @example const idFor = tagIdMaker(new Set(['quote'])); idFor('Quote') === 'quote-2'; idFor('quote') === 'quote-3'
 */
export function tagIdMaker(taken: Set<string>): (name: string) => string {
  const nextSuffix = new Map<string, number>();
  return (name) => {
    const slug = tagIdFor(name, NO_IDS);
    let suffix = nextSuffix.get(slug) ?? 1;
    let id = suffix === 1 ? slug : `${slug}-${suffix}`;
    while (taken.has(id)) id = `${slug}-${++suffix}`;
    nextSuffix.set(slug, suffix + 1);
    taken.add(id);
    return id;
  };
}

/** At most this many problems are listed; the rest are counted. */
const MAX_LISTED_PROBLEMS = 50;

/** One failure that lists `problems`, one per line. */
export function listProblems(problems: readonly string[]): Result<never, 'invalid'> {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const more = problems.length - listed.length;
  return fail('invalid', [...listed, ...(more > 0 ? [`… and ${more} more problems.`] : [])].join('\n'));
}

/**
 * The codebook as CSV with the columns `id,name,parent,color,shortcut,description` (parent is the
 * parent's id). Names and descriptions go through `spreadsheetSafe`, so a name like `=1+1` opens
 * as text; `codebookFromCsv` undoes it, and the round trip gives the same codebook except for
 * `guid`, which has no column. Write the text with a byte-order mark if Excel users will open it
 * (Excel reads a CSV without one in the system's legacy code page).
 */
export function codebookToCsv(codebook: Codebook): string {
  return toCsv([
    [...CODEBOOK_CSV_COLUMNS],
    ...codebook.tags.map((tag) => [
      tag.id,
      spreadsheetSafe(tag.name),
      tag.parentId ?? '',
      tag.color,
      tag.shortcut ?? '',
      spreadsheetSafe(tag.description),
    ]),
  ]);
}

interface Row {
  readonly row: number;
  readonly cells: ReadonlyMap<Column, string>;
  readonly name: string;
  id?: string;
}

/**
 * Reads a codebook from CSV. The header names the columns, in any order and any case: `name` is
 * required (`tag` or `path` stand for it when there is no `name`, as in Taguette's codebook CSV);
 * `id`, `parent`, `color` (or `colour`), `shortcut` and `description` are optional and other
 * columns are ignored. Blank rows are skipped. Without an id a tag's id is made from its name
 * (`Named official` → `named-official`, then `-2`, `-3` … when taken); `parent` is a parent's id or,
 * failing that, its name (case-insensitive); a missing colour comes from {@link TAG_PALETTE}.
 * The result is checked as a `Codebook` (and for unique shortcuts and loops of parents); the
 * failure lists every problem with its row, counting the header as row 1 as a spreadsheet does.
 */
export function codebookFromCsv(text: string): Result<Codebook, 'invalid'> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const [header, ...records] = parsed.value;
  if (header === undefined || header.every((cell) => cell.trim() === '')) {
    return fail('invalid', `The file is empty: a codebook CSV starts with a header row, such as "${CODEBOOK_CSV_COLUMNS.join(',')}".`);
  }
  const columns = new Map<Column, number>();
  // Each problem with the row it is about, so that the list reads from the top of the file down.
  const problems: [row: number, message: string][] = [];
  const report = (row: number, message: string): void => void problems.push([row, `Row ${row}: ${message}`]);
  const listed = (): Result<never, 'invalid'> => listProblems(problems.sort(([a], [b]) => a - b).map(([, message]) => message));
  const keys = header.map((cell) => cell.trim().toLowerCase());
  // Taguette writes the name as `tag` (and reads `tag`, `name` or `path`).
  const nameAlias = keys.includes('name') ? 'name' : ['tag', 'path'].find((alias) => keys.includes(alias));
  keys.forEach((key, index) => {
    const column = CODEBOOK_CSV_COLUMNS.find((known) => known === (key === 'colour' ? 'color' : key === nameAlias ? 'name' : key));
    if (column === undefined) return;
    if (columns.has(column)) report(1, `the column "${column}" appears twice.`);
    else columns.set(column, index);
  });
  if (!columns.has('name')) {
    report(1, `there is no "name" column (the header is ${header.map((cell) => JSON.stringify(cell)).join(', ')}).`);
  }
  if (problems.length > 0) return listed();

  const rows: Row[] = [];
  records.forEach((record, index) => {
    const row = index + 2;
    if (record.every((cell) => cell.trim() === '')) return;
    if (record.slice(header.length).some((cell) => cell.trim() !== '')) {
      report(row, `it has ${record.length} cells but the header names ${header.length} columns.`);
    }
    const cells = new Map<Column, string>();
    for (const [column, at] of columns) cells.set(column, record[at] ?? '');
    const name = undoSpreadsheetSafe((cells.get('name') ?? '').trim()).trim();
    if (name === '') report(row, 'the name is empty.');
    rows.push({ row, cells, name });
  });

  // Ids: those given first (a parent may name them), then ones made from names that avoid them.
  const rowById = new Map<string, Row>();
  for (const row of rows) {
    const id = row.cells.get('id')?.trim() ?? '';
    if (id === '') continue;
    if (!TagId.safeParse(id).success) {
      report(
        row.row,
        `the id "${id}" is not valid: an id is lowercase letters, digits and dashes (at most 64, starting with a letter or digit).`,
      );
      continue;
    }
    const holder = rowById.get(id);
    if (holder !== undefined) report(row.row, `the id "${id}" is already used on row ${holder.row}.`);
    else rowById.set(id, row);
    row.id = id;
  }
  const idFor = tagIdMaker(new Set(rowById.keys()));
  for (const row of rows) {
    if (row.id !== undefined || row.name === '' || (row.cells.get('id')?.trim() ?? '') !== '') continue;
    row.id = idFor(row.name);
    rowById.set(row.id, row);
  }
  const rowsByName = Map.groupBy(rows, (row) => nameKey(row.name));

  const tags: Tag[] = [];
  const rowOfTag: number[] = [];
  const shortcutRow = new Map<string, number>();
  rows.forEach((row, index) => {
    const tag: Record<string, unknown> = { id: row.id, name: row.name };
    const parent = undoSpreadsheetSafe((row.cells.get('parent') ?? '').trim()).trim();
    if (parent !== '') {
      const parentId = rowById.has(parent) ? parent : resolveParentName(parent, rowsByName, (message) => report(row.row, message));
      if (parentId !== undefined && parentId === row.id) report(row.row, 'a tag cannot be its own parent.');
      else if (parentId !== undefined) tag.parentId = parentId;
    }
    const color = row.cells.get('color')?.trim() ?? '';
    tag.color = color === '' ? paletteColor(index) : normalizeColor(color);
    if (tag.color === undefined) report(row.row, `the colour "${color}" is not a colour like #3b82f6.`);
    const shortcut = row.cells.get('shortcut')?.trim().toLowerCase() ?? '';
    if (shortcut !== '') {
      const holder = shortcutRow.get(shortcut);
      if (!/^[0-9a-z]$/.test(shortcut)) report(row.row, `the shortcut "${shortcut}" is not one letter or digit.`);
      else if (holder !== undefined) report(row.row, `the shortcut "${shortcut}" is already used on row ${holder}.`);
      else shortcutRow.set(shortcut, row.row);
      tag.shortcut = shortcut;
    }
    tag.description = undoSpreadsheetSafe(row.cells.get('description') ?? '');
    if (row.id === undefined || row.name === '' || tag.color === undefined) return;
    const checked = Tag.safeParse(tag);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        if (issue.path[0] === 'shortcut') continue; // reported above, in words
        report(row.row, `${issue.path.map(String).join('.')}: ${issue.message}.`);
      }
      return;
    }
    tags.push(checked.data);
    rowOfTag.push(row.row);
  });

  for (const cycle of findParentCycles(tags)) {
    const rowsInCycle = cycle.map((id) => rowOfTag[tags.findIndex((tag) => tag.id === id)]!);
    problems.push([
      Math.min(...rowsInCycle),
      `Rows ${rowsInCycle.join(', ')}: their parents make a loop (${[...cycle, cycle[0]].join(' → ')}).`,
    ]);
  }
  if (problems.length > 0) return listed();
  const codebook = Codebook.safeParse({ tags });
  if (!codebook.success) return listProblems(codebook.error.issues.map((issue) => issue.message));
  return ok(codebook.data);
}

function resolveParentName(parent: string, rowsByName: ReadonlyMap<string, Row[]>, report: (message: string) => void): string | undefined {
  const named = rowsByName.get(nameKey(parent)) ?? [];
  if (named.length === 1) return named[0]!.id;
  if (named.length === 0) report(`the parent "${parent}" is neither the id nor the name of a tag in the file.`);
  else
    report(
      `the parent "${parent}" is ambiguous: rows ${named.map((other) => other.row).join(', ')} have that name; write the parent's id instead.`,
    );
  return undefined;
}

function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Whether a codebook CSV has a `description` column (without one, it says nothing of descriptions). */
export function csvHasDescriptions(text: string): boolean {
  const parsed = parseCsv(text);
  return parsed.ok && (parsed.value[0] ?? []).some((cell) => cell.trim().toLowerCase() === 'description');
}
