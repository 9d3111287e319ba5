// `claimbench export` as a user runs it: the sample workspace to a signed bundle that reads back
// whole, verified and signed; every file the issue names is there; a bad target leaves nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT, RESOURCES_DIR } from '../app-paths.ts';
import { readBundle } from '../bundle/read-bundle.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { importSources } from '../import/import-files.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';

function claimbench(dir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    // Keys go to the per-user folder: a temporary one here.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'config'), HOME: dir, APPDATA: path.join(dir, 'config') },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('claimbench export', () => {
  it('writes a signed bundle of the sample that reads back verified, with every file the format names', () =>
    withTempDir(async (dir) => {
      const out = path.join(dir, 'sample.claimbundle');
      const { code, stdout, stderr } = claimbench(dir, 'export', '--workspace', path.join(dir, 'ws'), '--out', out, '--sign', '--json');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const events = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; signed?: boolean; bratSkipped?: { crossDocumentLinks: number } });
      expect(events[0]).toMatchObject({ event: 'exported', signed: true });
      expect(events.find((event) => event.event === 'note')?.bratSkipped?.crossDocumentLinks).toBe(8);

      const bundle = await readBundle(out);
      if (!bundle.ok) throw new Error(bundle.error.message);
      expect(bundle.value.signature).toMatchObject({ state: 'valid', signer: 'Unnamed analyst' });
      const paths = [...bundle.value.files.keys()];
      for (const name of [
        'annotations.jsonld',
        'codebook.json',
        'codebook.qdc',
        'claims.json',
        'claimreview.jsonld',
        'claims.csv',
        'report.html',
        'brat/annotation.conf',
      ])
        expect(paths).toContain(name);
      expect(paths.filter((name) => /^documents\/.+\.txt$/.test(name))).toHaveLength(3);
      const text = (name: string) => new TextDecoder().decode(bundle.value.files.get(name));
      expect(JSON.parse(text('annotations.jsonld'))).toMatchObject({ type: 'AnnotationCollection', total: 26 });
      expect(JSON.parse(text('claims.json')).claims).toHaveLength(1);
      expect(text('report.html')).not.toMatch(/<script/i);

      // claimbench verify: intact and signed; then one byte changed inside, and it says so.
      const verified = claimbench(dir, 'verify', out, '--json');
      expect(verified.code).toBe(0);
      expect(JSON.parse(verified.stdout)).toMatchObject({
        event: 'verified',
        files: paths.length,
        signature: { state: 'valid', signer: 'Unnamed analyst' },
      });
      const bytes = await readFile(out);
      const at = bytes.indexOf(Buffer.from('manifest.json')) - 200;
      bytes[at] = bytes[at]! ^ 0xff;
      await writeFile(out, bytes);
      const tampered = claimbench(dir, 'verify', out);
      expect(tampered.code).toBe(1);
      expect(tampered.stderr).toMatch(/claimbench: .*sample\.claimbundle/);
    }));

  it('refuses an export into a folder that does not exist, and leaves nothing', () =>
    withTempDir(async (dir) => {
      await mkdir(path.join(dir, 'ws-parent'));
      const { code, stderr } = claimbench(
        dir,
        'export',
        '--workspace',
        path.join(dir, 'ws'),
        '--out',
        path.join(dir, 'missing', 'x.claimbundle'),
      );
      expect(code).toBe(1);
      expect(stderr).toMatch(/claimbench: /);
      expect(await readdir(dir)).not.toContain('missing');
    }));

  it('exports chosen documents with their imported files (--docs, --with-originals)', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
      const bytes = new TextEncoder().encode('A note from the field: the well at Orsova ran dry on 12 August.');
      const [outcome] = await importSources(
        store,
        [{ name: 'field-note.txt', origin: '/field-note.txt', size: bytes.length, read: async () => bytes }],
        { extractors: EXTRACTORS },
      );
      if (outcome?.status !== 'imported') throw new Error('the note was not imported');
      await store.flush();
      const out = path.join(dir, 'note.claimbundle');
      const { code, stderr } = claimbench(
        dir,
        'export',
        '--workspace',
        path.join(dir, 'ws'),
        '--out',
        out,
        '--docs',
        outcome.documentId,
        '--with-originals',
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const bundle = await readBundle(out);
      if (!bundle.ok) throw new Error(bundle.error.message);
      const paths = [...bundle.value.files.keys()];
      expect(paths.filter((name) => name.startsWith('documents/'))).toEqual([
        `documents/${outcome.documentId}.txt`,
        `documents/${outcome.documentId}.json`,
      ]);
      const original = store.document(outcome.documentId)!.meta.originalHash!;
      expect(new TextDecoder().decode(bundle.value.files.get(`originals/${original}`))).toBe(
        'A note from the field: the well at Orsova ran dry on 12 August.',
      );
      expect(bundle.value.signature).toEqual({ state: 'unsigned' });
    }));

  it('refuses a tag, status or document the workspace does not have', () =>
    withTempDir(async (dir) => {
      const { code, stderr } = claimbench(
        dir,
        'export',
        '--workspace',
        path.join(dir, 'ws'),
        '--out',
        path.join(dir, 'x.claimbundle'),
        '--tag',
        'no-such-tag',
        '--status',
        'doubtful',
      );
      expect(code).toBe(2);
      expect(stderr).toMatch(/no tag "no-such-tag" in the codebook; no status "doubtful"/);
      expect(await readdir(dir)).not.toContain('x.claimbundle');
    }));

  it('writes a REFI-QDA project when the file ends in .qdpx, valid against Project.xsd', () =>
    withTempDir(async (dir) => {
      const out = path.join(dir, 'sample.qdpx');
      const { code, stdout, stderr } = claimbench(dir, 'export', '--workspace', path.join(dir, 'ws'), '--out', out, '--json');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(JSON.parse(stdout.trim().split('\n')[0]!)).toMatchObject({ event: 'exported', format: 'qdpx', entries: 4 });
      const listing = spawnSync('unzip', ['-Z1', out], { encoding: 'utf8' });
      const names = listing.stdout.trim().split('\n');
      expect(names[0]).toBe('project.qde');
      expect(names.slice(1).every((name) => /^sources\/[0-9a-f-]{36}\.txt$/.test(name))).toBe(true);
      const project = spawnSync('unzip', ['-p', out, 'project.qde'], { encoding: 'utf8' }).stdout;
      expect(project).toMatch(/<PlainTextSelection /);
      expect(project.match(/<PlainTextSelection /g)).toHaveLength(18);
      if (existsSync('/usr/bin/xmllint')) {
        await writeFile(path.join(dir, 'project.qde'), project);
        const checked = spawnSync(
          '/usr/bin/xmllint',
          ['--noout', '--schema', path.join(APP_ROOT, 'tests', 'fixtures', 'refi-qda', 'Project.xsd'), path.join(dir, 'project.qde')],
          { encoding: 'utf8' },
        );
        expect(checked.stderr.trim()).toMatch(/validates$/);
      } else console.warn('Skipping the Project.xsd check: /usr/bin/xmllint is missing (Debian package libxml2-utils).');
      expect(claimbench(dir, 'export', '--workspace', path.join(dir, 'ws'), '--out', out, '--sign').code).toBe(2);
    }));

  it('asks for --out', () =>
    withTempDir(async (dir) => {
      const { code, stderr } = claimbench(dir, 'export', '--workspace', path.join(dir, 'ws'));
      expect(code).toBe(2);
      expect(stderr).toMatch(/--out FILE/);
    }));

  it(
    'reports claims without a review URL, takes --review-url and --csv-formula-guard, and refuses bad values',
    () =>
      withTempDir(async (dir) => {
        const ws = path.join(dir, 'ws');
        const plain = path.join(dir, 'plain.claimbundle');
        const first = claimbench(dir, 'export', '--workspace', ws, '--out', plain);
        expect(first.code).toBe(0);
        expect(first.stdout).toMatch(/^1 claim has no review URL and was left out of claimreview\.jsonld: set the claim's review URL/m);
        const plainBundle = await readBundle(plain);
        if (!plainBundle.ok) throw new Error(plainBundle.error.message);
        const decode = (files: ReadonlyMap<string, Uint8Array>, name: string) => new TextDecoder().decode(files.get(name));
        expect(JSON.parse(decode(plainBundle.value.files, 'claimreview.jsonld'))).toEqual([]);

        const out = path.join(dir, 'published.claimbundle');
        const run = claimbench(
          dir,
          'export',
          '--workspace',
          ws,
          '--out',
          out,
          '--review-url',
          'https://factcheck.example/claims/{claimId}',
          '--csv-formula-guard',
          'off',
        );
        expect(run.code).toBe(0);
        expect(run.stdout).not.toMatch(/no review URL/);
        const bundle = await readBundle(out);
        if (!bundle.ok) throw new Error(bundle.error.message);
        const claimId = (JSON.parse(decode(bundle.value.files, 'claims.json')) as { claims: { id: string }[] }).claims[0]!.id;
        expect(JSON.parse(decode(bundle.value.files, 'claimreview.jsonld'))).toMatchObject([
          { url: `https://factcheck.example/claims/${claimId}` },
        ]);

        expect(claimbench(dir, 'export', '--workspace', ws, '--out', out, '--review-url', 'https://factcheck.example/').code).toBe(2);
        expect(claimbench(dir, 'export', '--workspace', ws, '--out', out, '--csv-formula-guard', 'maybe').code).toBe(2);
      }),
    120_000,
  );
});
