// Workspace search through the service: after every kind of change (import, annotation edits, new
// metadata, a new version, claims, the codebook, speakers, a bundle import, deletions, undo and
// redo) a search finds exactly what a brute-force scan of the service's data finds; an index that
// is deleted, damaged or stale is rebuilt at opening, and one that matches is kept.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SearchAnswer } from '../../core/contract/search-api.ts';
import type { SearchStatus } from '../../core/search/search-types.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { bundleEntries } from '../bundle/bundle-entries.ts';
import { writeBundle } from '../bundle/write-bundle.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { SEARCH_INDEX_DIR } from '../store/workspace-layout.ts';
import { FolderStore } from '../store/folder-store.ts';
import { INDEX_FILE } from '../search/search-index.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { openWorkbench } from './open-workbench.ts';
import { createWorkbenchService, type WorkbenchHost } from './workbench-service.ts';
import { readDocument } from '../../tests/support/read-document.ts';

const open = (dir: string) =>
  openWorkbench(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR, service: { extractors: EXTRACTORS, indexOnOpen: true } });

async function answer(service: WorkbenchHost, query: string, matchCase = false): Promise<SearchAnswer> {
  const result = await service.search(query, { limit: 1000, hitsPerDocument: 10_000, matchCase });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Hits as `document:start-end[:annotation][:claim]`, sorted. */
async function hits(service: WorkbenchHost, query: string, matchCase = false): Promise<string[]> {
  const { groups } = await answer(service, query, matchCase);
  return groups
    .flatMap((group) =>
      group.hits.map((hit) => [`${hit.documentId}:${hit.start}-${hit.end}`, hit.annotationId, hit.claimId].filter(Boolean).join(':')),
    )
    .sort();
}

/** The brute-force answers, from the service's own data (documents, evidence, codebook). */
async function scan(service: WorkbenchHost) {
  const files = await Promise.all(
    (await service.listDocuments()).map(async (row) => {
      const got = await service.getDocument(row.meta.id, 100_000);
      if (!got.ok) throw new Error(got.error.message);
      return got.value;
    }),
  );
  const { codebook } = await service.getWorkspaceInfo();
  const { claims } = await service.getEvidence();
  const below = (tagId: string): Set<string> => {
    const ids = new Set([tagId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const tag of codebook.tags)
        if (tag.parentId !== undefined && ids.has(tag.parentId) && !ids.has(tag.id)) grew = ids.add(tag.id).size > 0;
    }
    return ids;
  };
  return {
    /** Every occurrence of `phrase`, case as written, not overlapping. */
    phrase: (phrase: string) =>
      files
        .flatMap((file) => {
          const found: string[] = [];
          for (let at = file.text.indexOf(phrase); at >= 0; at = file.text.indexOf(phrase, at + phrase.length))
            found.push(`${file.meta.id}:${at}-${at + phrase.length}`);
          return found;
        })
        .sort(),
    /** Every annotation carrying the tag (by id) or a tag below it. */
    tag: (tagId: string) => {
      const ids = below(tagId);
      return files
        .flatMap((file) =>
          file.annotations
            .filter((annotation) => annotation.tags.some((tag) => ids.has(tag)))
            .map((annotation) => `${file.meta.id}:${annotation.target.start}-${annotation.target.end}:${annotation.id}`),
        )
        .sort();
    },
    /** Documents of a role, matched by their fields alone. */
    role: (role: string) =>
      files
        .filter((file) => file.meta.role === role)
        .map((file) => `${file.meta.id}:0-0`)
        .sort(),
    /** Each mention of each claim whose statement holds `phrase`. */
    claims: (phrase: string) =>
      claims
        .filter((claim) => claim.statement.includes(phrase))
        .flatMap((claim) =>
          claim.mentions.flatMap((mention) => {
            const annotation = files
              .find((file) => file.meta.id === mention.documentId)
              ?.annotations.find((candidate) => candidate.id === mention.annotationId);
            return annotation === undefined
              ? []
              : [`${mention.documentId}:${annotation.target.start}-${annotation.target.end}:${annotation.id}:${claim.id}`];
          }),
        )
        .sort(),
    files,
  };
}

/** Every kind of query this test asks, against the scan. */
async function expectSameAsScan(service: WorkbenchHost, phrases: string[], tags: string[], claimWords: string[]): Promise<void> {
  const brute = await scan(service);
  for (const phrase of phrases) expect(await hits(service, `"${phrase}"`, true), `"${phrase}"`).toEqual(brute.phrase(phrase));
  for (const tag of tags) expect(await hits(service, `tag:${tag}`), `tag:${tag}`).toEqual(brute.tag(tag));
  for (const role of ['claim', 'source']) expect(await hits(service, `role:${role}`), `role:${role}`).toEqual(brute.role(role));
  for (const word of claimWords) expect(await hits(service, `in:claims "${word}"`, true), `in:claims ${word}`).toEqual(brute.claims(word));
}

describe('search through the service', () => {
  it('finds what a brute-force scan finds after every kind of change, undo and redo included', () =>
    withTempDir(async (dir) => {
      const workbench = await open(dir);
      const service = workbench.service;
      await service.searchReady();
      const phrases = ['18 percent', 'Zanzibar quota', 'reservoir', 'ten times bigger'];
      const tags = ['statistic', 'claim-type', 'quote', 'prediction'];
      const claimWords = ['Zanzibar', 'reservoir'];
      const check = () => expectSameAsScan(service, phrases, tags, claimWords);
      await check();
      expect((await service.getSearchStatus()).state).toBe('ready');

      // An import.
      const memo = 'The Zanzibar quota rose. The reservoir is ten times bigger, the Zanzibar quota says.';
      const imported = await service.importText('Quota memo', memo);
      if (imported.status !== 'imported') throw new Error('not imported');
      const id = imported.documentId;
      expect(await hits(service, '"Zanzibar quota"', true)).toHaveLength(2);
      await check();

      // Annotations: made, edited, removed, and each undone and redone.
      const created = await service.createAnnotation(id, { start: 4, end: 18, tags: ['statistic'], speaker: 'Ana Ruiz' });
      if (!created.ok) throw new Error(created.error.message);
      expect(await hits(service, 'tag:statistic')).toContain(`${id}:4-18:${created.value.id}`);
      await check();
      expect((await service.updateAnnotation(id, created.value.id, { tags: ['prediction'] })).ok).toBe(true);
      await check();
      expect(await hits(service, 'speaker:"ana ruiz"')).toEqual([`${id}:4-18:${created.value.id}`]);
      await service.undo();
      await check();
      await service.redo();
      await check();

      // Metadata, then a claim over the annotation, then the codebook and the speakers.
      expect((await service.updateDocumentMeta(id, { role: 'source', outlet: 'Island Post' })).ok).toBe(true);
      await check();
      expect(await hits(service, 'outlet:"island post" Zanzibar')).toEqual([
        `${id}:4-12`,
        `${id}:${memo.lastIndexOf('Zanzibar')}-${memo.lastIndexOf('Zanzibar') + 8}`,
      ]);
      const claim = await service.createClaim({
        statement: 'The Zanzibar quota rose',
        mentions: [{ documentId: id, annotationId: created.value.id }],
      });
      if (!claim.ok) throw new Error(claim.error.message);
      await check();
      expect((await service.updateTag('prediction', { name: 'Forecast' })).ok).toBe(true);
      expect(await hits(service, 'tag:forecast')).toEqual(await hits(service, 'tag:prediction'));
      expect((await service.mergeSpeakers('A. Ruiz', ['Ana Ruiz'])).ok).toBe(true);
      expect(await hits(service, 'speaker:"a. ruiz"')).toEqual([`${id}:4-18:${created.value.id}`]);
      await service.undo();
      expect(await hits(service, 'speaker:"a. ruiz"')).toEqual([]);
      await check();

      // A new version: the text changes, the annotation follows it.
      const text = 'Preface. The Zanzibar quota rose again. Nothing is ten times bigger now.';
      const bytes = new TextEncoder().encode(text);
      const [outcome] = await service.importSources('job-new-version', [
        { name: 'memo-v2.txt', origin: 'memo-v2.txt', size: bytes.length, versionOf: id, read: async () => bytes },
      ]);
      expect(outcome).toMatchObject({ status: 'updated' });
      await check();
      expect(await hits(service, '"Zanzibar quota"', true)).toEqual([`${id}:13-27`]);
      // (A new version is not an undo step; this undoes the codebook's rename.)
      await service.undo();
      await check();
      await service.redo();
      await check();

      // A bundle from a colleague's workspace.
      await createWorkspace(path.join(dir, 'colleague'), { resourcesDir: RESOURCES_DIR, empty: true, name: 'Colleague' });
      const colleague = createWorkbenchService(await FolderStore.open(path.join(dir, 'colleague')), { extractors: EXTRACTORS });
      const theirs = await colleague.importText('Their notes', 'Their Zanzibar quota figure is ten times bigger than ours.');
      if (theirs.status !== 'imported') throw new Error('not imported');
      const tagged = await colleague.createAnnotation(theirs.documentId, { start: 6, end: 20, tags: ['quote'] });
      expect(tagged.ok).toBe(true);
      const { entries } = await bundleEntries(colleague.store, { originals: false, generatedAt: '2026-12-01T10:00:00.000Z' });
      const bundle = path.join(dir, 'theirs.claimbundle');
      const written = await writeBundle(bundle, entries, {
        appVersion: '0.1.0',
        creator: 'Ines',
        workspace: 'Colleague',
        createdAt: '2026-12-01T10:00:00.000Z',
      });
      if (!written.ok) throw new Error(written.error.message);
      await colleague.dispose();
      await colleague.store.close();
      const preview = await service.previewBundleFile('job-bundle-in', bundle);
      if (!preview.ok) throw new Error(preview.error.message);
      expect((await service.applyBundleImport(preview.value.importId, {})).ok).toBe(true);
      expect(await hits(service, '"Zanzibar quota"', true)).toHaveLength(2);
      await check();
      await service.undo();
      await check();
      await service.redo();
      await check();

      // Deletions, and their undo.
      const anyAnnotation = (await scan(service)).files.find((file) => file.annotations.length > 0)!;
      expect((await service.deleteAnnotation(anyAnnotation.meta.id, anyAnnotation.annotations[0]!.id)).ok).toBe(true);
      await check();
      expect((await service.deleteDocument(id)).ok).toBe(true);
      expect(await hits(service, 'Zanzibar')).not.toContain(`${id}:13-21`);
      await check();
      await service.undo();
      await check();
      expect((await service.deleteClaim(claim.value.id)).ok).toBe(true);
      await check();
      await workbench.close();
    }));

  it('answers a query it cannot read with where it went wrong', () =>
    withTempDir(async (dir) => {
      const workbench = await open(dir);
      expect(await workbench.service.search('reservoir "unclosed')).toEqual({
        ok: false,
        error: { code: 'bad-query', message: 'line 1, column 11: unclosed quotation mark', offset: 10 },
      });
      expect(await workbench.service.search('   ')).toMatchObject({ ok: true, value: { groups: [], counts: { documents: 0 } } });
      await workbench.close();
    }));

  it('narrows by facet values and keeps the places a query searches', () =>
    withTempDir(async (dir) => {
      const workbench = await open(dir);
      const { service } = workbench;
      await service.searchReady();
      const all = await service.search('percent', { facets: true });
      if (!all.ok) throw new Error(all.error.message);
      expect(all.value.facets?.role.length).toBeGreaterThan(0);
      const narrowed = await service.search('percent', { filters: [{ field: 'role', value: 'source' }] });
      if (!narrowed.ok) throw new Error(narrowed.error.message);
      const brute = await scan(service);
      const sources = new Set(brute.files.filter((file) => file.meta.role === 'source').map((file) => file.meta.id));
      expect(narrowed.value.groups.map((group) => group.documentId).sort()).toEqual(
        all.value.groups
          .map((group) => group.documentId)
          .filter((documentId) => sources.has(documentId))
          .sort(),
      );
      // A text search narrowed by a tag still finds words in the text (of documents holding such annotations).
      const byTag = await service.search('percent', { filters: [{ field: 'tag', value: 'statistic' }] });
      expect(byTag.ok && byTag.value.groups.every((group) => group.hits.every((hit) => hit.annotationId === undefined))).toBe(true);
      expect(byTag.ok && byTag.value.groups.length).toBeGreaterThan(0);
      await workbench.close();
    }));
});

describe('tag every occurrence', () => {
  it('lists every place the query finds in the text, marks those annotated, and tags the chosen in one undo step', () =>
    withTempDir(async (dir) => {
      const workbench = await open(dir);
      const { service } = workbench;
      await service.searchReady();
      const listed = await service.findOccurrences('"18 percent"', { matchCase: true });
      if (!listed.ok) throw new Error(listed.error.message);
      const brute = await scan(service);
      expect(listed.value.occurrences.map(({ documentId, start, end }) => `${documentId}:${start}-${end}`).sort()).toEqual(
        brute.phrase('18 percent'),
      );
      for (const occurrence of listed.value.occurrences) {
        const file = brute.files.find((candidate) => candidate.meta.id === occurrence.documentId)!;
        const inside = file.annotations.some(({ target }) => target.start <= occurrence.start && occurrence.end <= target.end);
        expect(occurrence.annotated, `${occurrence.title} ${occurrence.start}`).toBe(inside);
      }
      const free = listed.value.occurrences.filter((occurrence) => !occurrence.annotated);
      expect(free.length).toBeGreaterThan(0);
      expect(listed.value.occurrences.length).toBeGreaterThan(free.length);

      const before = await hits(service, 'tag:opinion');
      const spans = free.map(({ documentId, start, end }) => ({ documentId, start, end }));
      const tagged = await service.tagOccurrences([...spans, ...spans], { tags: ['opinion'], speaker: 'Ana Ruiz', status: 'unverified' });
      expect(tagged).toEqual({
        ok: true,
        value: { annotations: spans.length, documents: new Set(spans.map((span) => span.documentId)).size },
      });
      const after = await hits(service, 'tag:opinion');
      expect(after.length).toBe(before.length + spans.length);
      expect(await hits(service, 'speaker:"ana ruiz"')).toHaveLength(spans.length);
      expect((await service.getHistory()).undoLabel).toMatch(/^Tag \d+ occurrences? as Opinion$/);
      // Now annotated, they are marked so.
      const again = await service.findOccurrences('"18 percent"', { matchCase: true });
      expect(again.ok && again.value.occurrences.every((occurrence) => occurrence.annotated)).toBe(true);
      await service.undo();
      expect(await hits(service, 'tag:opinion')).toEqual(before);

      // All or nothing: a span outside its text, or an unknown tag, tags nothing.
      const outside = await service.tagOccurrences([...spans, { documentId: spans[0]!.documentId, start: 0, end: 10_000_000 }], {
        tags: ['opinion'],
      });
      expect(outside.ok).toBe(false);
      expect(await service.tagOccurrences(spans, { tags: ['no-such-tag'] })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await hits(service, 'tag:opinion')).toEqual(before);
      // A query of annotation fields has no places in the text to offer.
      expect(await service.findOccurrences('tag:statistic')).toEqual({ ok: true, value: { occurrences: [], truncated: false } });
      await workbench.close();
    }));
});

describe('the index at opening', () => {
  /** Opens the workspace, collecting the index's statuses until it is ready. */
  async function reopen(dir: string) {
    const statuses: SearchStatus['state'][] = [];
    const workbench = await open(dir);
    workbench.service.onDidChangeSearchStatus((status) => statuses.push(status.state));
    await workbench.service.searchReady();
    return { workbench, statuses };
  }

  // The SQLite file in the folder: the team suite (vitest.team.config.ts) searches PostgreSQL's tables instead.
  it.skipIf(process.env.CLAIMBENCH_TEAM_SUITE)('keeps an index that matches, and rebuilds one deleted, damaged or stale', () =>
    withTempDir(async (dir) => {
      const first = await reopen(dir);
      expect(first.statuses).toContain('building');
      const service = first.workbench.service;
      const created = await service.importText('Memo', 'The Zanzibar quota rose.');
      if (created.status !== 'imported') throw new Error('not imported');
      await first.workbench.close();
      const file = path.join(dir, 'ws', SEARCH_INDEX_DIR, INDEX_FILE);

      // Unchanged: checked, not rebuilt.
      const again = await reopen(dir);
      expect(again.statuses).not.toContain('building');
      expect(again.statuses.at(-1)).toBe('ready');
      expect(await hits(again.workbench.service, 'Zanzibar')).toEqual([`${created.documentId}:4-12`]);
      await again.workbench.close();

      // Damaged: rebuilt.
      await writeFile(file, 'this is not a database, only bytes');
      const damaged = await reopen(dir);
      expect(damaged.statuses).toContain('building');
      expect(await hits(damaged.workbench.service, 'Zanzibar')).toEqual([`${created.documentId}:4-12`]);
      await damaged.workbench.close();

      // Deleted: rebuilt.
      await rm(path.join(dir, 'ws', SEARCH_INDEX_DIR), { recursive: true });
      const deleted = await reopen(dir);
      expect(deleted.statuses).toContain('building');
      expect(await hits(deleted.workbench.service, 'Zanzibar')).toEqual([`${created.documentId}:4-12`]);
      await deleted.workbench.close();

      // Stale: the workspace changed while the index was not watching (a store opened on its own).
      const store = await FolderStore.open(path.join(dir, 'ws'));
      const document = (await readDocument(store, created.documentId))!;
      expect((await store.putDocument({ ...document, meta: { ...document.meta, role: 'source' } })).ok).toBe(true);
      await store.close();
      const stale = await reopen(dir);
      expect(stale.statuses).toContain('building');
      expect(await hits(stale.workbench.service, 'role:source Zanzibar')).toEqual([`${created.documentId}:4-12`]);
      await stale.workbench.close();
      expect((await readFile(file)).subarray(0, 15).toString()).toBe('SQLite format 3');
    }),
  );

  it('answers other calls at once, and searches meanwhile, while the index is built', () =>
    withTempDir(async (dir) => {
      const workbench = await open(dir);
      const { service } = workbench;
      // Not awaited: the service answers before the index is ready.
      const documents = await service.listDocuments();
      expect(documents.length).toBe(3);
      const during = await service.search('reservoir');
      expect(during.ok).toBe(true);
      await service.searchReady();
      expect(await service.getSearchStatus()).toEqual({ state: 'ready' });
      await workbench.close();
    }));
});
