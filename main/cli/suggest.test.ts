// `claimbench suggest` as a user runs it: on files of any importable format (offsets in the NFC,
// LF-normalised text, whatever the file's BOM, line endings and accents), and on a document of the
// sample workspace (offsets in its stored text, where annotations live).
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggestClaims } from '../../core/suggest/index.ts';
import { normalizeText } from '../../core/text/normalize.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { APP_ROOT, RESOURCES_DIR } from '../app-paths.ts';
import { extractSource } from '../import/extract-file.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { fileSource } from '../import/import-files.ts';
import { FolderStore } from '../store/folder-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';

function claimbench(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
/** What the command should print for a text: suggestClaims's own answer, in the JSON line's fields. */
const expected = (text: string) =>
  suggestClaims(text).map(({ start, end, kind, speaker, outlet, text: quoted, reason }) => ({
    start,
    end,
    kind,
    speaker: speaker ?? null,
    outlet: outlet ?? null,
    text: quoted,
    reason,
  }));

// A byte-order mark, CRLF line endings, a decomposed "ü" (u + U+0308) and an astral character: in
// the raw file every offset after them differs from the normalised text's.
const RAW =
  '\uFEFFMayor Elena Ortiz said the reservoir stands at 18 percent of capacity.\r\n\r\n\u{1F4A7} “We will not ration water in Mu\u0308nster this year,” Ortiz told reporters.\r\n';

describe('claimbench suggest', { timeout: 120_000 }, () => {
  it('prints one JSON line per suggestion, with offsets into the normalised text', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'statement.txt');
      await writeFile(file, RAW);
      const text = normalizeText(RAW);
      const { code, stdout } = claimbench('suggest', '--json', file);
      expect(code).toBe(0);
      const suggestions = lines(stdout);
      expect(suggestions).toEqual(expected(text).map((suggestion) => ({ event: 'suggestion', ...suggestion })));
      for (const suggestion of suggestions) expect(text.slice(suggestion.start as number, suggestion.end as number)).toBe(suggestion.text);
      // The quote, its speaker named in full from the sentence before, at its place in the NFC text.
      const quote = suggestions.find((suggestion) => suggestion.kind === 'quote');
      expect(quote).toMatchObject({
        speaker: 'Elena Ortiz',
        start: text.indexOf('We will not'),
        text: 'We will not ration water in Münster this year,',
      });
      expect(suggestions.find((suggestion) => suggestion.kind === 'attributed')).toMatchObject({
        speaker: 'Elena Ortiz',
        text: 'the reservoir stands at 18 percent of capacity',
      });
    }));

  it('reads each file as an import does, names the file with several, and exits 1 for one it cannot read', () =>
    withTempDir(async (dir) => {
      const text = path.join(dir, 'statement.txt');
      const markdown = path.join(dir, 'briefing.md');
      await writeFile(text, RAW);
      await writeFile(markdown, '# Briefing\n\nAccording to the **ministry**, rainfall was 42 percent below average since March.\n');
      const missing = path.join(dir, 'missing.txt');
      const { code, stdout } = claimbench('suggest', '--json', text, missing, markdown);
      expect(code).toBe(1);
      const events = lines(stdout);
      expect(events.filter((event) => event.event === 'rejected')).toEqual([
        { event: 'rejected', file: missing, code: 'unreadable', message: 'no such file' },
      ]);
      expect(events.filter((event) => event.file === text)).toEqual(
        expected(normalizeText(RAW)).map((suggestion) => ({ event: 'suggestion', ...suggestion, file: text })),
      );
      // The Markdown is read by the import's extractor: no "**" in the text, offsets into what it extracts.
      const extracted = await extractSource(await fileSource(markdown), { extractors: EXTRACTORS });
      if (!extracted.ok) throw new Error(extracted.error.message);
      const fromMarkdown = events.filter((event) => event.file === markdown);
      expect(fromMarkdown).toEqual(
        expected(extracted.value.text).map((suggestion) => ({ event: 'suggestion', ...suggestion, file: markdown })),
      );
      expect(fromMarkdown).toContainEqual(
        expect.objectContaining({ kind: 'attributed', text: 'rainfall was 42 percent below average since March' }),
      );
    }));

  it('prints a readable line per suggestion: kind, offsets, speaker, passage, reason', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'statement.txt');
      await writeFile(file, RAW);
      const { code, stdout, stderr } = claimbench('suggest', file);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const text = normalizeText(RAW);
      const start = text.indexOf('We will not');
      expect(stdout).toMatch(new RegExp(`^${file.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}: \\d+ suggestions$`, 'm'));
      expect(stdout).toContain(
        `\n  quote ${start}–${start + 46} Elena Ortiz: “We will not ration water in Münster this year,” — quotation marks, then reporting verb *told*`,
      );
    }));

  it('suggests in a document of the workspace, on its stored text; exit 1 for a document not there', () =>
    withTempDir(async (dir) => {
      await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
      const document = (await FolderStore.open(dir)).documents.find((file) => file.meta.title.startsWith('Valmont declares'))!;
      const { code, stdout } = claimbench('suggest', '--workspace', dir, '--document', document.meta.id, '--json');
      expect(code).toBe(0);
      const suggestions = lines(stdout);
      expect(suggestions.length).toBeGreaterThan(5);
      expect(suggestions).toEqual(expected(document.text).map((suggestion) => ({ event: 'suggestion', ...suggestion })));
      for (const suggestion of suggestions)
        expect(document.text.slice(suggestion.start as number, suggestion.end as number)).toBe(suggestion.text);

      const missing = claimbench('suggest', '--workspace', dir, '--document', 'no-such-document');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/there is no document "no-such-document"/);
    }));

  it.each([
    [['suggest'], /name at least one file, or a document with --document ID/],
    [['suggest', '--document', 'd1', 'statement.txt'], /name either files or --document ID, not both/],
  ])('exits 2 on wrong usage: %j', (args, message) => {
    const { code, stderr } = claimbench(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
