import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { qdpxExport } from '../../core/interchange/qdpx.ts';
import { Annotation, textTarget } from '../../core/model/annotation.ts';
import { DocumentMeta } from '../../core/model/document.ts';
import { DEFAULT_VERDICT_SCALE } from '../../core/model/evidence.ts';
import { DEFAULT_STATUSES } from '../../core/model/workspace.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { readZipDirectory } from '../import/formats/zip-guard.ts';
import { nameBasedUuid } from '../export/export-names.ts';
import { writeQdpx } from './write-qdpx.ts';

const TIME = '2025-03-01T12:00:00.000Z';
const TEXTS = ['The minister said 40% of voters… 😀 e\u0301 and a form feed \u000C.\nNext line', 'Second document, 𠀀 and ﬁ ligature.'];

/** An export as the workbench makes one: name-based GUIDs from the workspace's creation time. */
function project() {
  const documents = TEXTS.map((text, index) => ({
    meta: DocumentMeta.parse({
      id: `doc-${index}`,
      title: `Document ${index}`,
      format: 'text',
      importedAt: TIME,
      importedFrom: '/tmp/x.txt',
      textHash: 'a'.repeat(64),
    }),
    text,
    annotations: [
      Annotation.parse({ id: 'a', target: textTarget(text, 0, 6), tags: ['claim'], status: 'unverified', created: TIME, modified: TIME }),
    ],
  }));
  const codebook = { tags: [{ id: 'claim', name: 'Claim', color: '#112233', description: '' }] };
  return qdpxExport(
    {
      workspace: { name: 'Elections', statuses: DEFAULT_STATUSES, verdictScale: DEFAULT_VERDICT_SCALE, codebook },
      documents,
      evidence: { links: [], claims: [] },
    },
    {
      origin: 'Claimbench 0.1.0',
      createdAt: TIME,
      creator: 'Ana',
      guidFor: (kind, id) => nameBasedUuid(`claimbench:${TIME}:${kind}:${id}`),
    },
  );
}

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

describe('writeQdpx', () => {
  it('writes a zip of project.qde then sources/<guid>.txt, deflated, in UTF-8 without a byte order mark', () =>
    withTempDir(async (dir) => {
      const target = path.join(dir, 'Elections.qdpx');
      const exported = project();
      const progress: [number, number][] = [];
      const written = await writeQdpx(target, exported, { date: TIME, onProgress: (done, total) => progress.push([done, total]) });
      expect(written).toEqual({ ok: true, value: { path: target, entries: 3 } });
      expect(await readdir(dir)).toEqual(['Elections.qdpx']);
      expect(progress).toEqual([
        [1, 3],
        [2, 3],
        [3, 3],
        [4, 3],
      ]);

      const bytes = new Uint8Array(await readFile(target));
      const directory = readZipDirectory(bytes, 'Elections.qdpx');
      expect(directory.ok && directory.value.map((entry) => [entry.name, entry.method])).toEqual([
        ['project.qde', 8],
        ...exported.sources.map((source) => [source.path, 8]),
      ]);
      const files = unzipSync(bytes);
      expect(decode(files['project.qde']!)).toBe(exported.projectXml);
      for (const source of exported.sources) {
        expect(files[source.path]![0]).not.toBe(0xef);
        expect(decode(files[source.path]!)).toBe(source.text);
      }
      // Every plain text the XML names is in the zip.
      const named = [...exported.projectXml.matchAll(/plainTextPath="internal:\/\/([^"]+)"/g)].map((match) => `sources/${match[1]}`);
      expect(named).toEqual(exported.sources.map((source) => source.path));
    }));

  it('gives the same bytes for the same export and date', () =>
    withTempDir(async (dir) => {
      await writeQdpx(path.join(dir, 'a.qdpx'), project(), { date: TIME });
      await writeQdpx(path.join(dir, 'b.qdpx'), project(), { date: TIME });
      expect(await readFile(path.join(dir, 'a.qdpx'))).toEqual(await readFile(path.join(dir, 'b.qdpx')));
    }));

  it('stops when cancelled after the first entry, leaving no file and the old target as it was', () =>
    withTempDir(async (dir) => {
      const target = path.join(dir, 'Elections.qdpx');
      await writeFile(target, 'the previous export');
      const controller = new AbortController();
      const progress: number[] = [];
      const written = await writeQdpx(target, project(), {
        signal: controller.signal,
        onProgress: (done) => {
          progress.push(done);
          controller.abort();
        },
      });
      expect(written).toEqual({ ok: false, error: { code: 'cancelled', message: 'the export was cancelled' } });
      expect(progress).toEqual([1]);
      expect(await readdir(dir)).toEqual(['Elections.qdpx']);
      expect(await readFile(target, 'utf8')).toBe('the previous export');
    }));

  it('writes nothing when cancelled before it starts', () =>
    withTempDir(async (dir) => {
      const written = await writeQdpx(path.join(dir, 'Elections.qdpx'), project(), { signal: AbortSignal.abort() });
      expect(written).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(await readdir(dir)).toEqual([]);
    }));

  it('fails cleanly when the target folder disappears mid-write, or never existed', () =>
    withTempDir(async (dir) => {
      const folder = path.join(dir, 'exports');
      await mkdir(folder);
      const written = await writeQdpx(path.join(folder, 'Elections.qdpx'), project(), {
        onProgress: (done) => {
          if (done === 1) void rm(folder, { recursive: true, force: true });
        },
      });
      expect(written).toMatchObject({ ok: false, error: { code: 'write-failed' } });
      expect(await readdir(dir)).toEqual([]);
      const nowhere = await writeQdpx(path.join(dir, 'missing', 'Elections.qdpx'), project());
      expect(nowhere).toMatchObject({
        ok: false,
        error: { code: 'write-failed', message: expect.stringContaining('could not create a file in') },
      });
      expect(await readdir(dir)).toEqual([]);
    }));

  it.each([
    [
      'a traversing path',
      [{ path: '../evil.txt', text: 'x' }],
      'the entry "../evil.txt" cannot go into a .qdpx file: it has a ".." segment',
    ],
    ['a second project.qde', [{ path: 'project.qde', text: 'x' }], 'the entries "project.qde" and "project.qde" would be the same file'],
    [
      'names equal but for case',
      [
        { path: 'sources/a.txt', text: 'x' },
        { path: 'Sources/A.txt', text: 'y' },
      ],
      'the entries "sources/a.txt" and "Sources/A.txt" would be the same file',
    ],
  ])('refuses %s as invalid, writing nothing', (_name, sources, message) =>
    withTempDir(async (dir) => {
      expect(await writeQdpx(path.join(dir, 'x.qdpx'), { projectXml: '<Project/>', sources }, { date: TIME })).toEqual({
        ok: false,
        error: { code: 'invalid', message },
      });
      expect(await readdir(dir)).toEqual([]);
    }),
  );
});
