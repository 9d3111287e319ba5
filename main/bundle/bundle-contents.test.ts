// What an export with choices holds: chosen documents, annotations that pass the tag and status
// filters, and only the links and claim mentions among them (nothing points outside the bundle).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { refKey } from '../../core/model/evidence.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { bundleEntries, exportSelection } from './bundle-entries.ts';

describe('exportSelection', () => {
  it('keeps the whole workspace without choices', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
      const all = await exportSelection(store, {});
      expect(all.documents.map((file) => file.annotations.length)).toEqual(store.documents.map((file) => file.annotations.length));
      expect(all.evidence).toEqual(store.evidence);
    }));

  it('filters by tag and status, and drops links and mentions that would point outside', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
      const chosen = await exportSelection(store, { tags: ['statistic'], statuses: ['supported'] });
      const kept = chosen.documents.flatMap((file) => file.annotations.map((annotation) => ({ file, annotation })));
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(store.documents.reduce((sum, file) => sum + file.annotations.length, 0));
      for (const { annotation } of kept) {
        expect(annotation.tags).toContain('statistic');
        expect(annotation.status).toBe('supported');
      }
      const keys = new Set(kept.map(({ file, annotation }) => refKey({ documentId: file.meta.id, annotationId: annotation.id })));
      expect(chosen.evidence.links.length).toBeLessThan(store.evidence.links.length);
      for (const link of chosen.evidence.links) expect(keys.has(refKey(link.from)) && keys.has(refKey(link.to))).toBe(true);
      for (const claim of chosen.evidence.claims) for (const mention of claim.mentions) expect(keys.has(refKey(mention))).toBe(true);
    }));

  it('takes a parent tag with its children, and only the chosen documents', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
      const parent = store.workspace.codebook.tags.find((tag) => store.workspace.codebook.tags.some((child) => child.parentId === tag.id))!;
      const children = new Set(store.workspace.codebook.tags.filter((tag) => tag.parentId === parent.id).map((tag) => tag.id));
      const report = store.documents[0]!;
      const chosen = await exportSelection(store, { documents: [report.meta.id], tags: [parent.id] });
      expect(chosen.documents.map((file) => file.meta.id)).toEqual([report.meta.id]);
      const expected = report.annotations.filter((annotation) => annotation.tags.some((tag) => tag === parent.id || children.has(tag)));
      expect(chosen.documents[0]!.annotations).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
      // Links from the report to its sources go: the sources are not in the bundle.
      expect(chosen.evidence.links).toEqual([]);
    }));
});

describe('agreement in a bundle', () => {
  const text = (entries: { path: string; bytes: Uint8Array }[], name: string) =>
    new TextDecoder().decode(entries.find((entry) => entry.path === name)?.bytes);

  it('adds agreement.csv and the report’s table when the annotations come from two coders, and not otherwise', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
      const options = { originals: false, generatedAt: '2026-12-01T00:00:00.000Z' };
      const alone = await bundleEntries(store, options);
      expect(alone.entries.map((entry) => entry.path)).not.toContain('agreement.csv');
      expect(text(alone.entries, 'report.html')).not.toContain('<h2>Agreement</h2>');

      // A second analyst codes three of the first document's passages the same way.
      const file = store.documents[0]!;
      const written = await store.putDocument({
        ...file,
        annotations: [
          ...file.annotations.map((annotation) => ({ ...annotation, creator: 'Ana' })),
          ...file.annotations.slice(0, 3).map((annotation) => ({ ...annotation, id: `${annotation.id}-ben`, creator: 'Ben' })),
        ],
      });
      expect(written.ok).toBe(true);
      const both = await bundleEntries(store, options);
      const csv = text(both.entries, 'agreement.csv');
      // With a byte order mark (which TextDecoder takes off), so spreadsheets read UTF-8.
      expect([...both.entries.find((entry) => entry.path === 'agreement.csv')!.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.split('\r\n')[0]).toBe(
        'tag,tagName,documentId,document,coders,units,percentAgreement,percentAgreementUndefined,characterKappa,characterKappaUndefined,characterAlpha,characterAlphaUndefined,unitizedAlpha,unitizedAlphaUndefined,spanF1,spanF1Undefined,spanUnits',
      );
      expect(csv).toContain('Ana; Ben');
      expect(text(both.entries, 'report.html')).toContain('<h2>Agreement</h2>');
    }));
});
