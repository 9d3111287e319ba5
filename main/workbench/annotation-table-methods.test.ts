// The annotations table through the service: on the sample and a hundred generated annotations
// (speakers with other spellings, two creators, claims with and without verdicts), every sort,
// filter and query answers exactly what a brute-force computation over the service's own data
// gives, page by page; the references follow the rows; the CSV holds the rows shown, guarded; the
// tag-by-document matrix counts what the table shows; one bulk change of selected rows is one undo.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnnotationTableRow, TableColumn, TableRequest } from '../../core/contract/annotation-table-api.ts';
import { parseCsv } from '../../core/interchange/csv.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import type { DocumentPage } from '../../core/contract/workbench-api.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { openWorkbench } from './open-workbench.ts';
import type { WorkbenchHost } from './workbench-service.ts';

const open = (dir: string) =>
  openWorkbench(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR, service: { extractors: EXTRACTORS, indexOnOpen: true } });

/** A small deterministic generator (mulberry32), so a failure can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPEAKERS = ['Teresa Albescu', 'T. Albescu', 'Mayor Albescu', 'Pavel Reinholt', 'pavel  reinholt', 'Ministry of Environment', ''];
const OUTLETS = ['', '', 'Wire service', '=HYPERLINK("x")'];
const TAGS = ['statistic', 'quote', 'prediction', 'opinion', 'event', 'named-official'];
const STATUSES = ['unverified', 'supported', 'refuted', 'misleading'];

/** Adds `count` annotations at random places of the sample's documents, by two analysts. */
async function generate(service: WorkbenchHost, count: number): Promise<void> {
  const next = random(19);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const files = await documents(service);
  for (let index = 0; index < count; index++) {
    if (index === count / 2) expect((await service.updateSettings({ analystName: 'Ben' })).ok).toBe(true);
    const file = pick(files);
    const start = Math.floor(next() * (file.text.length - 40));
    const end = start + 5 + Math.floor(next() * 30);
    const tags = [...new Set([pick(TAGS), ...(next() < 0.4 ? [pick(TAGS)] : [])])];
    const created = await service.createAnnotation(file.meta.id, {
      start,
      end,
      tags,
      status: pick(STATUSES),
      speaker: pick(SPEAKERS),
      outlet: pick(OUTLETS),
    });
    if (!created.ok) throw new Error(created.error.message);
  }
}

async function documents(service: WorkbenchHost): Promise<DocumentPage[]> {
  return Promise.all(
    (await service.listDocuments()).map(async (row) => {
      const got = await service.getDocument(row.meta.id, 100_000);
      if (!got.ok) throw new Error(got.error.message);
      return got.value;
    }),
  );
}

interface Brute {
  readonly file: DocumentPage;
  readonly annotation: Annotation;
  readonly speaker: string;
  readonly claims: { readonly id: string; readonly statement: string; readonly rating?: string; readonly label?: string }[];
}

/** The table computed by brute force from the service's data: every annotation with what the table shows. */
async function bruteRows(service: WorkbenchHost) {
  const info = await service.getWorkspaceInfo();
  const { claims } = await service.getEvidence();
  const files = await documents(service);
  // Speakers: every spelling of a codebook speaker is that speaker (case, accents and spaces aside).
  const fold = (name: string) =>
    name
      .normalize('NFKD')
      .replace(/\p{Mn}/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
  const entity = (name: string) =>
    (info.codebook.speakers ?? []).find((speaker) => [speaker.name, ...speaker.aliases].some((spelling) => fold(spelling) === fold(name)))
      ?.name ?? name.trim();
  const labelOf = new Map(info.settings.verdictScale.map((rating) => [rating.id, rating.label]));
  const rows: Brute[] = files.flatMap((file) =>
    file.annotations.map((annotation) => ({
      file,
      annotation,
      speaker: annotation.speaker.trim() === '' ? '' : entity(annotation.speaker),
      claims: claims
        .filter((claim) => claim.mentions.some((ref) => ref.documentId === file.meta.id && ref.annotationId === annotation.id))
        .map((claim) => ({
          id: claim.id,
          statement: claim.statement,
          ...(claim.verdict ? { rating: claim.verdict.rating, label: labelOf.get(claim.verdict.rating) ?? claim.verdict.rating } : {}),
        })),
    })),
  );
  const tagName = (id: string) => info.codebook.tags.find((tag) => tag.id === id)?.name ?? id;
  const statusLabel = (id: string) => info.settings.statuses.find((status) => status.id === id)?.label ?? id;
  const below = (tagId: string) => {
    const ids = new Set([tagId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const tag of info.codebook.tags) if (tag.parentId && ids.has(tag.parentId) && !ids.has(tag.id)) grew = ids.add(tag.id).size > 0;
    }
    return ids;
  };
  const value = (row: Brute, column: TableColumn): string => {
    const outlet = row.annotation.outlet.trim() || row.file.meta.outlet;
    return {
      quote: row.annotation.target.exact,
      document: row.file.meta.title,
      tags: row.annotation.tags.map(tagName).join(', '),
      status: statusLabel(row.annotation.status),
      speaker: row.speaker,
      outlet,
      creator: row.annotation.creator,
      claim: row.claims[0]?.statement ?? '',
      verdict: row.claims.find((claim) => claim.label)?.label ?? '',
      created: row.annotation.created,
      modified: row.annotation.modified,
      published: row.file.meta.publishedAt ?? '',
    }[column];
  };
  // Text without case or accents, numbers by value; dates as written.
  const sortable = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{Mn}/gu, '')
      .toLowerCase()
      .replace(/\d+/g, (digits) => String(Number(digits)).padStart(20, '0'));
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const dates = new Set<TableColumn>(['created', 'modified', 'published']);
  const sorted = (list: Brute[], column: TableColumn, descending: boolean): Brute[] =>
    [...list].sort((a, b) => {
      const [x, y] = [value(a, column), value(b, column)];
      if ((x === '') !== (y === '')) return x === '' ? 1 : -1;
      const sign = descending ? -1 : 1;
      const primary = column === 'document' ? 0 : (dates.has(column) ? order(x, y) : order(sortable(x), sortable(y))) * sign;
      const title = order(sortable(a.file.meta.title), sortable(b.file.meta.title)) * (column === 'document' ? sign : 1);
      return (
        primary ||
        title ||
        (a.file.meta.id < b.file.meta.id ? -1 : a.file.meta.id > b.file.meta.id ? 1 : 0) ||
        a.annotation.target.start - b.annotation.target.start ||
        a.annotation.target.end - b.annotation.target.end ||
        (a.annotation.id < b.annotation.id ? -1 : 1)
      );
    });
  return { rows, below, value, sorted, entity, files };
}

const keyOf = (row: { documentId: string; annotationId: string }) => `${row.documentId} ${row.annotationId}`;
const bruteKey = (row: Brute) => `${row.file.meta.id} ${row.annotation.id}`;

/** Every row of the table for `request`, fetched in pages of `size`. */
async function allPages(service: WorkbenchHost, request: TableRequest, size: number): Promise<AnnotationTableRow[]> {
  const rows: AnnotationTableRow[] = [];
  for (let offset = 0; ; offset += size) {
    const page = await service.queryAnnotationTable(request, { offset, limit: size });
    if (!page.ok) throw new Error(page.error.message);
    rows.push(...page.value.rows);
    if (offset + size >= page.value.total) {
      expect(rows).toHaveLength(page.value.total);
      return rows;
    }
  }
}

describe('the annotations table', () => {
  it('sorts, filters and pages exactly as a brute-force computation over the service data', () =>
    withTempDir(async (dir) => {
      const workbench = await open(dir);
      const service = workbench.service;
      await service.searchReady();
      await generate(service, 100);
      // Spellings that are one speaker (the merge renames the annotations; a filter by any spelling finds them), and claims with and without a verdict.
      expect((await service.mergeSpeakers('Teresa Albescu', ['T. Albescu', 'Mayor Albescu'])).ok).toBe(true);
      const brute0 = await bruteRows(service);
      // Annotations keep the spelling they came with (a bundle's, an older file's): two of them, written as such.
      const spelled = brute0.rows.filter((row) => row.speaker === 'Teresa Albescu').slice(0, 2);
      for (const [index, row] of spelled.entries()) {
        const written = await service.store.putAnnotations(row.file.meta.id, [
          { annotationId: row.annotation.id, annotation: { ...row.annotation, speaker: ['T. Albescu', 'mayor  ALBESCU'][index]! } },
        ]);
        expect(written.ok).toBe(true);
      }
      const some = brute0.rows.filter((_row, index) => index % 9 === 0);
      const first = await service.createClaim({
        statement: 'Aardvark claim',
        mentions: some.slice(0, 4).map((row) => ({ documentId: row.file.meta.id, annotationId: row.annotation.id })),
      });
      const second = await service.createClaim({
        statement: 'Zebra claim',
        mentions: some.slice(3, 7).map((row) => ({ documentId: row.file.meta.id, annotationId: row.annotation.id })),
      });
      if (!first.ok || !second.ok) throw new Error('claims not made');
      expect((await service.updateClaim(second.value.id, { verdict: { rating: 'false', date: '2026-12-01' } })).ok).toBe(true);

      const brute = await bruteRows(service);
      expect(brute.rows.length).toBeGreaterThan(110);
      const all = await allPages(service, {}, 1000);
      expect(all.map(keyOf)).toEqual(brute.sorted(brute.rows, 'document', false).map(bruteKey));

      // Every column, both ways, fetched in pages of 7: the same order as the brute force.
      const columns: TableColumn[] = [
        'quote',
        'document',
        'tags',
        'status',
        'speaker',
        'outlet',
        'creator',
        'claim',
        'verdict',
        'created',
        'modified',
        'published',
      ];
      for (const sort of columns)
        for (const descending of [false, true])
          expect(
            (await allPages(service, { sort, descending }, 7)).map(keyOf),
            `${sort} ${descending ? 'descending' : 'ascending'}`,
          ).toEqual(brute.sorted(brute.rows, sort, descending).map(bruteKey));

      // Filters, alone and together, and a query of the search language.
      const mayor = brute.rows.filter((row) => row.speaker === 'Teresa Albescu');
      expect(mayor.length).toBeGreaterThan(5);
      const cases: { request: TableRequest; expected: (row: Brute) => boolean }[] = [
        // A speaker by any of its spellings is the speaker.
        { request: { filters: { speakers: ['mayor albescu'] } }, expected: (row) => row.speaker === 'Teresa Albescu' },
        { request: { filters: { speakers: [''] } }, expected: (row) => row.speaker === '' },
        // A tag is the tag or one below it.
        {
          request: { filters: { tags: ['claim-type'] } },
          expected: (row) => row.annotation.tags.some((tag) => brute.below('claim-type').has(tag)),
        },
        {
          request: { filters: { tags: ['statistic'], statuses: ['supported', 'refuted'] } },
          expected: (row) => row.annotation.tags.includes('statistic') && ['supported', 'refuted'].includes(row.annotation.status),
        },
        { request: { filters: { creators: ['Ben'] } }, expected: (row) => row.annotation.creator === 'Ben' },
        {
          request: { filters: { outlets: ['Wire service'] } },
          expected: (row) => (row.annotation.outlet || row.file.meta.outlet) === 'Wire service',
        },
        { request: { filters: { documents: [brute.files[1]!.meta.id] } }, expected: (row) => row.file === brute.files[1] },
        { request: { filters: { claims: [first.value.id] } }, expected: (row) => row.claims.some((claim) => claim.id === first.value.id) },
        { request: { filters: { inClaim: true } }, expected: (row) => row.claims.length > 0 },
        { request: { filters: { inClaim: false } }, expected: (row) => row.claims.length === 0 },
        { request: { filters: { verdicts: ['false'] } }, expected: (row) => row.claims.some((claim) => claim.rating === 'false') },
        { request: { filters: { verdicts: ['none'] } }, expected: (row) => !row.claims.some((claim) => claim.rating !== undefined) },
        // A query: its words are looked for in quotes.
        { request: { query: '"percent"' }, expected: (row) => row.annotation.target.exact.toLowerCase().includes('percent') },
        {
          request: { query: 'status:misleading -tag:statistic' },
          expected: (row) =>
            row.annotation.status === 'misleading' && !row.annotation.tags.some((tag) => brute.below('statistic').has(tag)),
        },
        {
          request: { query: 'in:claims zebra', filters: { speakers: ['Teresa Albescu'] } },
          expected: (row) => row.claims.some((claim) => claim.id === second.value.id) && row.speaker === 'Teresa Albescu',
        },
      ];
      for (const { request, expected } of cases) {
        const sort = 'speaker' as const;
        const got = await allPages(service, { ...request, sort }, 5);
        const want = brute.sorted(brute.rows.filter(expected), sort, false).map(bruteKey);
        expect(want.length, JSON.stringify(request)).toBeGreaterThan(0);
        expect(got.map(keyOf), JSON.stringify(request)).toEqual(want);
      }

      // The rows carry what the table shows: the speaker as the codebook names it, claims with verdicts.
      const row = all.find((candidate) => candidate.claims.some((claim) => claim.claimId === second.value.id))!;
      expect(row.claims.find((claim) => claim.claimId === second.value.id)?.verdict?.label).toBe('False');
      const speakers = new Map(brute.rows.map((entry) => [bruteKey(entry), entry.speaker]));
      expect(all.map((candidate) => candidate.speakerName)).toEqual(all.map((candidate) => speakers.get(keyOf(candidate))));

      // Past the end, an empty page; a query it cannot read is an error value with where.
      const past = await service.queryAnnotationTable({}, { offset: 10_000, limit: 10 });
      expect(past.ok && past.value.rows).toEqual([]);
      const bad = await service.queryAnnotationTable({ query: 'tag:"unclosed' }, { offset: 0, limit: 10 });
      expect(bad.ok ? undefined : bad.error).toMatchObject({ code: 'bad-query', offset: 4 });

      // References: the rows' annotations in the table's order, all or a range.
      const request: TableRequest = { filters: { tags: ['statistic'] }, sort: 'status', descending: true };
      const rows = await allPages(service, request, 1000);
      const refs = await service.annotationTableRefs(request);
      expect(refs.ok && refs.value.refs.map(keyOf)).toEqual(rows.map(keyOf));
      const range = await service.annotationTableRefs(request, { offset: 3, limit: 4 });
      expect(range.ok && range.value.refs.map(keyOf)).toEqual(rows.slice(3, 7).map(keyOf));

      // The table follows changes: a bulk edit of two rows is one step, and one undo takes it back.
      const two = rows.slice(0, 2).map(({ documentId, annotationId }) => ({ documentId, annotationId }));
      expect(await service.updateAnnotations(two, { status: 'unverifiable' })).toMatchObject({ ok: true, value: { annotations: 2 } });
      const after = await allPages(service, { filters: { statuses: ['unverifiable'] } }, 1000);
      expect(after.map(keyOf)).toEqual(expect.arrayContaining(two.map(keyOf)));
      await service.undo();
      const undone = await allPages(service, { filters: { statuses: ['unverifiable'] } }, 1000);
      expect(undone.map(keyOf)).not.toContain(keyOf(two[0]!));
      expect(undone.map(keyOf)).not.toContain(keyOf(two[1]!));
      await workbench.close();
    }));

  it('exports the rows shown as CSV, with positions in code points and the formula guard', () =>
    withTempDir(async (dir) => {
      const workbench = await open(dir);
      const service = workbench.service;
      await service.searchReady();
      const [file] = await documents(service);
      const made = await service.createAnnotation(file!.meta.id, {
        start: 4,
        end: 12,
        tags: ['opinion'],
        speaker: '=cmd|x',
        outlet: '+1 News',
      });
      if (!made.ok) throw new Error(made.error.message);
      const request: TableRequest = { filters: { tags: ['opinion'] }, sort: 'quote' };
      const exported = await service.exportAnnotationTable(request);
      if (!exported.ok) throw new Error(exported.error.message);
      expect(exported.value.fileName).toMatch(/-annotations\.csv$/);
      expect(exported.value.text.startsWith('\uFEFF')).toBe(true);
      const parsed = parseCsv(exported.value.text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const [header, ...cells] = parsed.value;
      const rows = await allPages(service, request, 1000);
      expect(exported.value.rows).toBe(rows.length);
      expect(cells.map((cell) => `${cell[header!.indexOf('document_id')]} ${cell[header!.indexOf('annotation_id')]}`)).toEqual(
        rows.map(keyOf),
      );
      const mine = cells.find((cell) => cell[header!.indexOf('annotation_id')] === made.value.id)!;
      expect(mine[header!.indexOf('speaker')]).toBe("'=cmd|x");
      expect(mine[header!.indexOf('outlet')]).toBe("'+1 News");
      expect(mine[header!.indexOf('quote')]).toBe(file!.text.slice(4, 12));
      expect([mine[header!.indexOf('start')], mine[header!.indexOf('end')]]).toEqual(['4', '12']);
      expect(mine[header!.indexOf('tags')]).toBe('Opinion');
      await workbench.close();
    }));

  it('counts tags per document as the table filtered by document and tag shows them', () =>
    withTempDir(async (dir) => {
      const workbench = await open(dir);
      const service = workbench.service;
      await generate(service, 30);
      const matrix = await service.getTagMatrix();
      const { codebook } = await service.getWorkspaceInfo();
      expect(matrix.documents.length).toBe(3);
      for (const { documentId } of matrix.documents)
        for (const tag of codebook.tags) {
          const page = await service.queryAnnotationTable(
            { filters: { documents: [documentId], tags: [tag.id] } },
            { offset: 0, limit: 1 },
          );
          expect(page.ok && page.value.total, `${documentId} × ${tag.id}`).toBe(matrix.counts[documentId]?.[tag.id] ?? 0);
        }
      const total = await service.queryAnnotationTable({ filters: { tags: ['claim-type'] } }, { offset: 0, limit: 1 });
      expect(total.ok && total.value.total).toBe(matrix.totals['claim-type']);
      await workbench.close();
    }));
});
