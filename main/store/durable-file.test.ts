// The durable JSON writer on its own: what it leaves on disk, which backups it keeps.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { backupTime, DurableJsonFile, listBackups, pruneBackups, utf8Bytes } from './durable-file.ts';

describe('DurableJsonFile', () => {
  it('writes pretty JSON, leaves no temp file, and keeps the first version and each replaced version as backups', () =>
    withTempDir(async (dir) => {
      const file = new DurableJsonFile<{ n: number }>(path.join(dir, 'data.json'), { backupsDir: path.join(dir, 'backups') });
      expect(await file.read()).toBeNull();
      for (let n = 1; n <= 3; n++) await file.write({ n });
      expect(await readFile(path.join(dir, 'data.json'), 'utf8')).toBe('{\n  "n": 3\n}\n');
      expect(await readdir(dir)).toEqual(['backups', 'data.json']);
      const backups = await listBackups(path.join(dir, 'backups'));
      expect(
        await Promise.all(
          backups.map((name) => readFile(path.join(dir, 'backups', name), 'utf8').then((text) => JSON.parse(text) as { n: number })),
        ),
      ).toEqual([{ n: 2 }, { n: 1 }, { n: 1 }]);
    }));

  it('reads a file that starts with a byte order mark, and throws on one that does not parse', () =>
    withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'bom.json'), '\uFEFF{"n": 1}');
      expect(await new DurableJsonFile(path.join(dir, 'bom.json')).read()).toEqual({ n: 1 });
      await writeFile(path.join(dir, 'torn.json'), '{"n": ');
      await expect(new DurableJsonFile(path.join(dir, 'torn.json')).read()).rejects.toThrow(SyntaxError);
    }));

  it('leaves the file as it was when the write fails before the rename', () =>
    withTempDir(async (dir) => {
      const target = path.join(dir, 'data.json');
      await writeFile(target, '{"n": 1}\n');
      // The backup folder cannot be made (a file is in the way): the write stops before replacing.
      await writeFile(path.join(dir, 'backups'), 'in the way');
      const file = new DurableJsonFile(target, { backupsDir: path.join(dir, 'backups') });
      await expect(file.write({ n: 2 })).rejects.toThrow();
      expect(await readFile(target, 'utf8')).toBe('{"n": 1}\n');
      expect((await readdir(dir)).sort()).toEqual(['backups', 'data.json']);
    }));
});

describe('utf8Bytes', () => {
  it.each([
    ['empty', '', ''],
    ['ASCII with a newline after it', '{"n": 1}', '\n'],
    ['two-byte text (a curly quote, an accent)', 'Ukraine\u2019s caf\u00e9', '\n'],
    ['astral characters and combining marks', '\u{1F600} e\u0301 \u{10FFFF}', ''],
    ['lone surrogates, which become U+FFFD', 'a\ud800b\udc00', '\n'],
    ['a large two-byte text', '\u201c'.repeat(70_000) + 'x', '\n'],
  ])('encodes %s as Buffer.from does', (_name, text, suffix) => {
    expect(utf8Bytes(text, suffix).equals(Buffer.from(text + suffix, 'utf8'))).toBe(true);
  });

  it('writes a file holding two-byte text and a lone surrogate as the bytes Buffer.from gives', () =>
    withTempDir(async (dir) => {
      const file = new DurableJsonFile<{ text: string }>(path.join(dir, 'data.json'));
      await file.write({ text: 'Ukraine\u2019s \u{1F600} \ud800' });
      expect(
        (await readFile(path.join(dir, 'data.json'))).equals(Buffer.from('{\n  "text": "Ukraine\u2019s \u{1F600} \\ud800"\n}\n')),
      ).toBe(true);
    }));
});

describe('pruneBackups', () => {
  it('keeps the 5 newest and the newest of each of the last 7 days, and removes the rest', () =>
    withTempDir(async (dir) => {
      const now = new Date('2026-12-10T12:00:00.000Z');
      const times: string[] = [];
      // Three a day for ten days, at 09:00, 10:00 and 11:00.
      for (let day = 1; day <= 10; day++)
        for (const hour of ['09', '10', '11']) times.push(`2026-12-${String(day).padStart(2, '0')}T${hour}:00:00.000Z`);
      await mkdir(dir, { recursive: true });
      for (const time of times) await writeFile(path.join(dir, `${time.replace(/[-:.]/g, '')}-0000abcd.json`), '{}');
      await pruneBackups(dir, { recent: 5, days: 7 }, now);
      const kept = (await listBackups(dir)).map((name) => backupTime(name)!.toISOString());
      expect(kept).toEqual([
        '2026-12-10T11:00:00.000Z',
        '2026-12-10T10:00:00.000Z',
        '2026-12-10T09:00:00.000Z',
        '2026-12-09T11:00:00.000Z',
        '2026-12-09T10:00:00.000Z',
        '2026-12-08T11:00:00.000Z',
        '2026-12-07T11:00:00.000Z',
        '2026-12-06T11:00:00.000Z',
        '2026-12-05T11:00:00.000Z',
        '2026-12-04T11:00:00.000Z',
      ]);
    }));
});
