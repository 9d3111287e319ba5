import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnnotationRef } from '../../core/model/evidence.ts';
import { WORKSPACE_SCHEMA_VERSION } from '../../core/model/stored-files.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { WorkspaceOpenError } from '../store/open-store.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from './open-workspace.ts';

const options = { resourcesDir: RESOURCES_DIR };

describe('openOrCreateWorkspace', () => {
  it('creates a missing workspace from the sample: three documents whose annotations sit on their quotes', () =>
    withTempDir(async (root) => {
      const dir = path.join(root, 'new', 'ws');
      const { store, created } = await openOrCreateWorkspace(dir, options);
      expect(created).toBe(true);
      expect(store.documents.map((document) => document.meta.outlet)).toEqual([
        'The Valley Courier',
        'City of Valmont',
        'Ministry of Environment',
      ]);
      const annotations = store.documents.flatMap((document) =>
        document.annotations.map((annotation) => ({ annotation, text: document.text })),
      );
      expect(annotations.length).toBeGreaterThanOrEqual(15);
      for (const { annotation, text } of annotations) {
        expect(text.slice(annotation.target.start, annotation.target.end)).toBe(annotation.target.exact);
      }
      // A nested highlight: "18 percent" inside the reservoir statistic.
      const report = store.documents[0]!;
      const nested = report.annotations.find((annotation) => annotation.target.exact === '18 percent')!;
      const outer = report.annotations.find((annotation) => annotation.target.exact.startsWith('the Lindell reservoir'))!;
      expect(nested.target.start).toBeGreaterThan(outer.target.start);
      expect(nested.target.end).toBeLessThan(outer.target.end);
      expect(store.workspace.codebook.tags.some((tag) => tag.id === 'statistic' && tag.shortcut === '1')).toBe(true);
      // No staging folder is left behind.
      expect(await readdir(path.join(root, 'new'))).toEqual(['ws']);
    }));

  it('creates the sample’s links and its claim, with two mentions and a verdict, every ref on an annotation', () =>
    withTempDir(async (root) => {
      const { store } = await openOrCreateWorkspace(path.join(root, 'ws'), options);
      const [report, mayor, ministry] = store.documents.map((document) => document.meta.id);
      const quoteOf = ({ documentId, annotationId }: AnnotationRef) =>
        store.document(documentId)?.annotations.find((annotation) => annotation.id === annotationId)?.target.exact;
      const { links, claims } = store.evidence;
      for (const ref of [...links.flatMap((link) => [link.from, link.to]), ...claims.flatMap((claim) => claim.mentions)]) {
        expect(quoteOf(ref), JSON.stringify(ref)).toBeDefined();
      }
      const described = links.map((link) => [link.relation, link.to.documentId, quoteOf(link.to)]);
      expect(described).toContainEqual(['source-of', mayor, 'If we do nothing, the taps could run dry by the end of September.']);
      expect(described).toContainEqual(['source-of', mayor, 'The Lindell reservoir stands at 18 percent of capacity.']);
      expect(described).toContainEqual(['context', ministry, 'Lindell 19 percent']);
      expect(links.every((link) => link.from.documentId === report && link.creator === 'Claimbench sample')).toBe(true);
      expect(claims).toHaveLength(1);
      expect(claims[0]!.mentions.map((mention) => mention.documentId)).toEqual([report, mayor]);
      expect(claims[0]!.verdict).toMatchObject({
        rating: 'true',
        reviewer: 'Claimbench sample',
        date: '2026-08-15',
        rationale: expect.stringContaining('**18 percent**'),
      });
      expect(store.workspace.settings.verdictScale.some((rating) => rating.id === claims[0]!.verdict!.rating)).toBe(true);
      expect(JSON.parse(await readFile(path.join(root, 'ws', 'evidence.json'), 'utf8'))).toMatchObject({
        schemaVersion: WORKSPACE_SCHEMA_VERSION,
      });
    }));

  it('creates an empty workspace with --empty', () =>
    withTempDir(async (root) => {
      const { store } = await openOrCreateWorkspace(path.join(root, 'ws'), { ...options, empty: true });
      expect(store.documents).toEqual([]);
      expect(JSON.parse(await readFile(path.join(root, 'ws', 'evidence.json'), 'utf8'))).toEqual({
        schemaVersion: WORKSPACE_SCHEMA_VERSION,
        links: [],
        claims: [],
      });
      expect(store.workspace.codebook.tags.length).toBeGreaterThan(5);
    }));

  it('opens an existing workspace without re-seeding it', () =>
    withTempDir(async (root) => {
      const dir = path.join(root, 'ws');
      const first = await openOrCreateWorkspace(dir, options);
      const again = await openOrCreateWorkspace(dir, options);
      expect(again.created).toBe(false);
      expect(again.store.documents.map((document) => document.meta.id)).toEqual(first.store.documents.map((document) => document.meta.id));
    }));

  it('creates inside an existing empty folder', () =>
    withTempDir(async (root) => {
      const dir = path.join(root, 'empty');
      await mkdir(dir);
      const { created } = await openOrCreateWorkspace(dir, options);
      expect(created).toBe(true);
      expect(JSON.parse(await readFile(path.join(dir, 'workspace.json'), 'utf8'))).toMatchObject({
        schemaVersion: WORKSPACE_SCHEMA_VERSION,
      });
    }));

  it('refuses a non-empty folder that is not a workspace, and writes nothing into it', () =>
    withTempDir(async (root) => {
      await writeFile(path.join(root, 'thesis.docx'), 'mine');
      const error = await openOrCreateWorkspace(root, options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkspaceOpenError);
      expect((error as WorkspaceOpenError).code).toBe('not-a-workspace');
      expect(await readdir(root)).toEqual(['thesis.docx']);
    }));

  it('refuses a path that is a file, with a clear error', () =>
    withTempDir(async (root) => {
      const file = path.join(root, 'notes.txt');
      await writeFile(file, 'mine');
      const error = await openOrCreateWorkspace(file, options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkspaceOpenError);
      expect((error as Error).message).toBe(`${file} is a file, not a folder: a workspace is a folder`);
    }));
});
