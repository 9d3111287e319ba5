// Saving a claim appends to its document's journal; opening replays it; the file is written whole
// again now and then. A journal cut short by a crash, left stale, or damaged never costs more than
// it must, and never silently.
import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { JOURNAL_MAX_RECORDS } from './document-journal.ts';
import { FolderStore } from './folder-store.ts';
import { DOCUMENTS_DIR } from './workspace-layout.ts';

async function sample(dir: string) {
  await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
  const store = await FolderStore.open(dir);
  const document = store.documents[0]!;
  const file = path.join(dir, DOCUMENTS_DIR, `${document.meta.id}.json`);
  /** Changes one annotation's note, as the change log does (it tells the store the annotation put). */
  const note = async (index: number, text: string) => {
    const annotation = store.document(document.meta.id)!.annotations[index]!;
    const saved = await store.putAnnotations(document.meta.id, [
      { annotationId: annotation.id, annotation: { ...annotation, note: text } },
    ]);
    if (!saved.ok) throw new Error(saved.error.message);
  };
  return { store, document, file, journal: file.replace(/\.json$/, '.jsonl'), note };
}

describe('the document journal', () => {
  it('appends a change of one claim instead of rewriting the file, and opening replays it', () =>
    withTempDir(async (dir) => {
      const { store, document, file, journal, note } = await sample(dir);
      await note(0, 'first'); // the sample's file names no journal yet: written whole once
      const whole = await readFile(file, 'utf8');
      await note(1, 'second');
      await note(0, 'third');
      expect(await readFile(file, 'utf8')).toBe(whole);
      const lines = (await readFile(journal, 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(3);
      expect(JSON.parse(lines[0]!)).toEqual({ journal: JSON.parse(whole).journal });
      expect(JSON.parse(lines[2]!).put).toEqual([expect.objectContaining({ note: 'third' })]);
      const reopened = await FolderStore.open(dir);
      expect(reopened.document(document.meta.id)).toEqual(store.document(document.meta.id));
      expect(reopened.problems).toEqual([]);
    }));

  it('puts an empty journal in place after the file is written whole, so the next save only appends to it', () =>
    withTempDir(async (dir) => {
      const { store, document, file, journal, note } = await sample(dir);
      await note(0, 'first'); // written whole: names a new journal
      await store.flush();
      const named = JSON.parse(await readFile(file, 'utf8')).journal;
      expect(await readFile(journal, 'utf8')).toBe(`${JSON.stringify({ journal: named })}\n`);
      const created = (await stat(journal)).ino;
      await note(1, 'second');
      await note(2, 'third');
      expect((await stat(journal)).ino).toBe(created);
      expect((await readFile(journal, 'utf8')).trim().split('\n')).toHaveLength(3);
      await store.close();
      const reopened = await FolderStore.open(dir);
      expect(reopened.document(document.meta.id)).toEqual(store.document(document.meta.id));
      // Opened again, the journal on disk is the one the file names: saves go on appending to it.
      const first = reopened.document(document.meta.id)!.annotations[0]!;
      await reopened.putAnnotations(document.meta.id, [{ annotationId: first.id, annotation: { ...first, note: 'fourth' } }]);
      expect((await stat(journal)).ino).toBe(created);
      expect((await readFile(journal, 'utf8')).trim().split('\n')).toHaveLength(4);
      await reopened.close();
    }));

  it(`writes the file whole again after ${JOURNAL_MAX_RECORDS} records, and starts a new journal`, () =>
    withTempDir(async (dir) => {
      const { store, document, file, journal, note } = await sample(dir);
      for (let n = 0; n <= JOURNAL_MAX_RECORDS + 2; n++) await note(n % 3, `save ${n}`);
      const names = await readdir(path.dirname(file));
      expect(names.filter((name) => name.startsWith(`${document.meta.id}.`))).toEqual([
        `${document.meta.id}.json`,
        `${document.meta.id}.jsonl`,
      ]);
      expect((await readFile(journal, 'utf8')).trim().split('\n').length).toBeLessThan(5);
      expect((await FolderStore.open(dir)).document(document.meta.id)).toEqual(store.document(document.meta.id));
    }));

  it('after a last line cut short, saves again without writing after it: nothing acknowledged is lost', () =>
    withTempDir(async (dir) => {
      const { store, document, journal, note } = await sample(dir);
      await note(0, 'first');
      await note(1, 'acknowledged');
      await store.close();
      await appendFile(journal, '{"ids":["a","b"],"put":[{"id":"a","targ');
      // The next process: its save must not land behind the cut-short line (that would make the
      // journal unreadable from there on, and the save lost at the next opening).
      const next = await FolderStore.open(dir);
      const third = next.document(document.meta.id)!.annotations[2]!;
      expect(
        (await next.putAnnotations(document.meta.id, [{ annotationId: third.id, annotation: { ...third, note: 'after the crash' } }])).ok,
      ).toBe(true);
      await next.close();
      const reopened = await FolderStore.open(dir);
      expect(reopened.problems).toEqual([]);
      expect(
        reopened
          .document(document.meta.id)!
          .annotations.slice(1, 3)
          .map((annotation) => annotation.note),
      ).toEqual(['acknowledged', 'after the crash']);
      await reopened.close();
    }));

  it('drops a last line cut short by a crash (never acknowledged), and ignores and removes a stale journal', () =>
    withTempDir(async (dir) => {
      const { store, document, journal, note } = await sample(dir);
      await note(0, 'first');
      await note(1, 'acknowledged');
      await appendFile(journal, '{"ids":["a","b"],"put":[{"id":"a","targ');
      const reopened = await FolderStore.open(dir);
      expect(reopened.document(document.meta.id)).toEqual(store.document(document.meta.id));
      expect(reopened.problems).toEqual([]);

      // A journal whose first line names another: left by a crash after the file was written whole.
      await writeFile(
        journal,
        `${JSON.stringify({ journal: '00000000-0000-4000-8000-000000000000' })}\n${(await readFile(journal, 'utf8')).split('\n').slice(1).join('\n')}`,
      );
      const whole = await FolderStore.open(dir);
      expect(whole.document(document.meta.id)!.annotations[1]!.note).not.toBe('acknowledged');
      expect(whole.problems).toEqual([]);
      await expect(stat(journal)).rejects.toMatchObject({ code: 'ENOENT' });
    }));

  it('sets a damaged journal aside and says so; the document opens as it was last written whole', () =>
    withTempDir(async (dir) => {
      const { document, journal, note } = await sample(dir);
      await note(0, 'first');
      await note(1, 'second');
      await note(2, 'third');
      const lines = (await readFile(journal, 'utf8')).split('\n');
      lines[2] = lines[2]!.replace('"ids"', '"idz"');
      await writeFile(journal, lines.join('\n'));
      const reopened = await FolderStore.open(dir);
      expect(reopened.document(document.meta.id)!.annotations[0]!.note).toBe('first');
      expect(reopened.problems).toEqual([
        {
          code: 'invalid',
          message: expect.stringMatching(
            new RegExp(
              `^documents/${document.meta.id}\\.jsonl: line 3 of the journal is not a record.*set aside as documents/${document.meta.id}\\.jsonl\\.corrupt-`,
            ),
          ),
        },
      ]);
      expect((await readdir(path.dirname(journal))).some((name) => name.startsWith(`${document.meta.id}.jsonl.corrupt-`))).toBe(true);
    }));
});
