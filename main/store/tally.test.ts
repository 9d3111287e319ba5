// The whole-workspace reads of step 3 (docs/design/on-demand-store.md) give what the loops over
// every document they replaced gave: one table of cases, each the old loop (copied as it was, but
// for names sorted with compareNames: `localeCompare` alone left "\u00e9" and "e\u0301", which it
// finds equal, in the order they were counted, and the store counts in another order) and the new
// read with its fold, checked on random workspaces (spellings of speakers, blank and empty
// outlets, nested tags and a tag the codebook no longer has, orphaned annotations) over the shared
// in-memory implementation, and on a store: the folder store here, PostgreSQL in the team suite.
// Step 4 changed the loops in one more way: a tally's keys have no meaningful order once they come
// from SQL, so a speaker not in the codebook is named by its most used name, in the loops and the
// folds alike.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outletOf, tableEntriesOf } from '../../core/annotations/annotation-table.ts';
import { afterTagDeletion } from '../../core/codebook/edit.ts';
import { speakerResolver } from '../../core/codebook/speakers.ts';
import { mentionInfo } from '../../core/evidence/claims-view.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { speakerKey, type Codebook } from '../../core/model/codebook.ts';
import { refKey } from '../../core/model/evidence.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { compareNames } from '../../core/text/compare-names.ts';
import { randomWorkspace, type RandomWorkspace } from '../../tests/support/random-workspace.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import {
  annotationSuggestions,
  coderSummaries,
  speakerUsage,
  spellingsOf,
  statusUsage,
  tableChoices,
  tagMatrixOf,
  tagUsage,
} from '../workbench/annotation-tallies.ts';
import { DocumentLibrary } from './document-library.ts';
// By this path, which the team suite redirects to a PostgreSQL store (vitest.team.config.ts).
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from './workspace-store.ts';
import { readEveryDocument } from '../../tests/support/read-document.ts';

type Reads = Pick<WorkspaceStore, 'documents' | 'heads' | 'tally' | 'findAnnotations' | 'eachDocument' | 'readAnnotations'>;

const tag = (id: string, parentId?: string) => ({ id, name: id, color: '#336699', description: '', ...(parentId ? { parentId } : {}) });
// The random annotations' spellings are made of 'a', 'Z', ' ', '😀', 'é', 'e\u0301' … (random-workspace.ts).
const SPEAKERS = [
  { name: 'a', aliases: ['Z', 'aa'] },
  { name: 'é', aliases: ['😀'] },
];
/** Codebooks the same annotations are counted under: flat, nested two deep, and without one of the tags used. */
const CODEBOOKS: readonly Codebook[] = [
  { tags: [tag('claim-type'), tag('statistic'), tag('quote'), tag('prediction')] },
  { tags: [tag('claim-type'), tag('statistic', 'claim-type'), tag('prediction', 'statistic'), tag('quote')], speakers: SPEAKERS },
  { tags: [tag('claim-type'), tag('prediction', 'claim-type')], speakers: SPEAKERS },
];

const refsOf = (found: readonly { documentId: string; annotation: Annotation }[]) =>
  found.map(({ documentId, annotation }) => ({ documentId, annotationId: annotation.id }));

/** The old tagMatrix (core/annotations/tag-matrix.ts before step 3), as it was. */
function oldTagMatrix(documents: readonly DocumentFile[], codebook: Codebook) {
  const parentOf = new Map(codebook.tags.map((one) => [one.id, one.parentId]));
  const upFrom = (tagId: string): string[] => {
    const ids: string[] = [];
    for (let at: string | undefined = tagId; at !== undefined && !ids.includes(at); at = parentOf.get(at)) ids.push(at);
    return ids;
  };
  const rows: { documentId: string; title: string; annotations: number }[] = [];
  const counts: Record<string, Record<string, number>> = {};
  const totals: Record<string, number> = {};
  for (const { meta, annotations } of documents) {
    if (annotations.length === 0) continue;
    rows.push({ documentId: meta.id, title: meta.title, annotations: annotations.length });
    const row: Record<string, number> = (counts[meta.id] = {});
    for (const annotation of annotations) {
      for (const one of new Set(annotation.tags.flatMap(upFrom))) {
        row[one] = (row[one] ?? 0) + 1;
        totals[one] = (totals[one] ?? 0) + 1;
      }
    }
  }
  return { documents: rows, counts, totals };
}

interface Case {
  readonly name: string;
  /** The loop as it was, over every document in library order. */
  readonly loop: (documents: readonly DocumentFile[], codebook: Codebook) => unknown;
  /** The new read, and its fold. */
  readonly read: (store: Reads, codebook: Codebook) => Promise<unknown>;
}

const CASES: readonly Case[] = [
  {
    name: 'getTagUsage: tags',
    loop: (documents) => {
      const usage: Record<string, number> = {};
      for (const document of documents)
        for (const annotation of document.annotations) for (const one of annotation.tags) usage[one] = (usage[one] ?? 0) + 1;
      return usage;
    },
    read: (store) => tagUsage(store),
  },
  {
    name: 'getTagMatrix: document-tags through upFrom',
    loop: oldTagMatrix,
    read: (store, codebook) => tagMatrixOf(store, codebook),
  },
  {
    name: 'settings usage: status',
    loop: (documents) => {
      const statuses: Record<string, number> = {};
      for (const document of documents) for (const { status } of document.annotations) statuses[status] = (statuses[status] ?? 0) + 1;
      return statuses;
    },
    read: (store) => statusUsage(store),
  },
  {
    name: 'getSpeakers: speaker, resolved per spelling',
    loop: (documents, codebook) => {
      const speakerOf = speakerResolver(codebook);
      const usage = new Map<string, { name: string; aliases: readonly string[]; annotations: number }>();
      for (const speaker of codebook.speakers ?? []) usage.set(speakerKey(speaker.name), { ...speaker, annotations: 0 });
      // Step 4: a speaker not in the codebook is named by its most used name (was: the first met in library order).
      const names = new Map<string, Map<string, number>>();
      for (const document of documents) {
        for (const annotation of document.annotations) {
          if (annotation.speaker.trim() === '') continue;
          const speaker = speakerOf(annotation.speaker);
          const key = speakerKey(speaker.name);
          const entry = usage.get(key) ?? { ...speaker, annotations: 0 };
          entry.annotations++;
          usage.set(key, entry);
          if (!codebook.speakers?.some((one) => speakerKey(one.name) === key)) {
            const counts = names.get(key) ?? new Map<string, number>();
            names.set(key, counts.set(speaker.name, (counts.get(speaker.name) ?? 0) + 1));
          }
        }
      }
      for (const [key, counts] of names) usage.get(key)!.name = [...counts].sort((a, b) => b[1] - a[1] || compareNames(a[0], b[0]))[0]![0];
      return [...usage.values()]
        .sort((a, b) => b.annotations - a.annotations || compareNames(a.name, b.name))
        .map(({ name, aliases, annotations }) => ({ name, aliases, annotations }));
    },
    read: (store, codebook) => speakerUsage(store, codebook),
  },
  {
    name: 'getAnnotationSuggestions: speaker and outlet',
    loop: (documents, codebook) => {
      const speakers = new Map<string, number>();
      const outlets = new Map<string, number>();
      const speakerOf = speakerResolver(codebook);
      for (const document of documents) {
        for (const { speaker: named, outlet } of document.annotations) {
          const speaker = named && speakerOf(named).name;
          if (speaker) speakers.set(speaker, (speakers.get(speaker) ?? 0) + 1);
          if (outlet) outlets.set(outlet, (outlets.get(outlet) ?? 0) + 1);
        }
      }
      const byUse = (counts: Map<string, number>) =>
        [...counts].sort((a, b) => b[1] - a[1] || compareNames(a[0], b[0])).map(([value]) => value);
      return { speakers: byUse(speakers), outlets: byUse(outlets) };
    },
    read: (store, codebook) => annotationSuggestions(store, codebook),
  },
  {
    name: 'getAnnotationTableChoices: shown-outlet and creator',
    loop: (documents) => {
      const outlets = new Map<string, number>();
      const creators = new Map<string, number>();
      for (const entry of documents.flatMap((file) => tableEntriesOf(file))) {
        const outlet = outletOf(entry);
        outlets.set(outlet, (outlets.get(outlet) ?? 0) + 1);
        creators.set(entry.annotation.creator, (creators.get(entry.annotation.creator) ?? 0) + 1);
      }
      const listed = (counts: Map<string, number>) =>
        [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || compareNames(a.value, b.value));
      return { outlets: listed(outlets), creators: listed(creators) };
    },
    read: (store) => tableChoices(store),
  },
  {
    name: 'coderSummaries: coder-documents, orphans left out',
    loop: (documents) => {
      const counts = new Map<string, { annotations: number; documents: number }>();
      for (const file of documents) {
        const here = new Set<string>();
        for (const annotation of file.annotations.filter((one) => one.anchor.state !== 'orphaned')) {
          const entry = counts.get(annotation.creator) ?? { annotations: 0, documents: 0 };
          entry.annotations++;
          if (!here.has(annotation.creator)) {
            here.add(annotation.creator);
            entry.documents++;
          }
          counts.set(annotation.creator, entry);
        }
      }
      return [...counts].map(([name, entry]) => ({ name, ...entry })).sort((a, b) => compareNames(a.name, b.name));
    },
    read: (store) => coderSummaries(store),
  },
  {
    name: 'mergeSpeakers: findAnnotations of the spellings a name has',
    loop: (documents, codebook) => {
      const speakerOf = speakerResolver(codebook);
      const byName: Record<string, { documentId: string; annotationId: string }[]> = {};
      for (const name of namesIn(documents, codebook)) {
        byName[name] = [];
        for (const document of documents)
          for (const annotation of document.annotations) {
            if (annotation.speaker.trim() === '' || annotation.speaker === name || speakerOf(annotation.speaker).name !== name) continue;
            byName[name].push({ documentId: document.meta.id, annotationId: annotation.id });
          }
      }
      return byName;
    },
    read: async (store, codebook) => {
      const byName: Record<string, { documentId: string; annotationId: string }[]> = {};
      for (const name of namesIn(await readEveryDocument(store), codebook)) {
        const spellings = await spellingsOf(store, codebook, name);
        byName[name] = spellings.length === 0 ? [] : refsOf(await store.findAnnotations({ speakers: spellings }));
      }
      return byName;
    },
  },
  {
    name: 'deleteTag: findAnnotations of a tag',
    loop: (documents, codebook) =>
      Object.fromEntries(
        [...codebook.tags.map((one) => one.id), 'quote'].map((tagId) => {
          const edits: { documentId: string; after: Annotation | undefined }[] = [];
          for (const document of documents)
            for (const annotation of document.annotations) {
              const next = afterTagDeletion(annotation, tagId, { annotations: 'untag' }, 'now');
              if (next !== annotation) edits.push({ documentId: document.meta.id, after: next });
            }
          return [tagId, edits];
        }),
      ),
    read: async (store, codebook) => {
      const byTag: Record<string, { documentId: string; after: Annotation | undefined }[]> = {};
      for (const tagId of [...codebook.tags.map((one) => one.id), 'quote'])
        byTag[tagId] = (await store.findAnnotations({ tags: [tagId] })).map(({ documentId, annotation }) => ({
          documentId,
          after: afterTagDeletion(annotation, tagId, { annotations: 'untag' }, 'now'),
        }));
      return byTag;
    },
  },
  {
    name: 'getAgreement: eachDocument of a selection, in library order',
    loop: (documents) => {
      const chosen = new Set(selectionOf(documents));
      return documents.filter((file) => chosen.has(file.meta.id));
    },
    read: async (store) => {
      const read: DocumentFile[] = [];
      for await (const file of store.eachDocument({ ids: selectionOf(await readEveryDocument(store)) })) read.push(file);
      return read;
    },
  },
  {
    name: 'claims view: readAnnotations with the document meta',
    loop: (documents) => {
      const found: Record<string, unknown> = {};
      for (const document of documents)
        for (const annotation of document.annotations)
          found[refKey({ documentId: document.meta.id, annotationId: annotation.id })] = mentionInfo(document, annotation);
      return found;
    },
    read: async (store) => {
      const refs = (await readEveryDocument(store)).flatMap((file) =>
        file.annotations.map((one) => ({ documentId: file.meta.id, annotationId: one.id })),
      );
      const read = await store.readAnnotations([...refs, { documentId: 'no-such-document', annotationId: 'x' }]);
      return Object.fromEntries(
        [...read].map(([key, { meta, annotation, firstImportedAt }]) => [
          key,
          mentionInfo({ meta, versions: [{ importedAt: firstImportedAt }] }, annotation),
        ]),
      );
    },
  },
];

/** The speaker names a merge could go into: each spelling's, as the codebook resolves it. */
function namesIn(documents: readonly DocumentFile[], codebook: Codebook): string[] {
  const speakerOf = speakerResolver(codebook);
  const names = documents.flatMap((file) => file.annotations.map((annotation) => speakerOf(annotation.speaker).name));
  return [...new Set(names.filter((name) => name !== ''))];
}

/** Every other document by id, and an id of none. */
function selectionOf(documents: readonly DocumentFile[]): string[] {
  const ids = documents.map((file) => file.meta.id).sort();
  return [...ids.filter((_, index) => index % 2 === 0), 'no-such-document'];
}

/** The random workspace's documents, some with an outlet (what a blank annotation outlet shows instead). */
const documentsOf = (workspace: RandomWorkspace): DocumentFile[] =>
  workspace.documents.map((file, index) => (index % 2 === 0 ? file : { ...file, meta: { ...file.meta, outlet: 'Daily News' } }));

/** The reads as both stores answer them today: from memory, through the shared DocumentLibrary. */
class MemoryLibrary extends DocumentLibrary {
  private readonly byId: Map<string, DocumentFile>;

  constructor(documents: readonly DocumentFile[]) {
    super(documents);
    this.byId = new Map(documents.map((file) => [file.meta.id, file]));
  }

  document(id: string): DocumentFile | undefined {
    return this.byId.get(id);
  }

  protected resident(id: string): DocumentFile | undefined {
    return this.byId.get(id);
  }
}

describe('tallies against the loops they replace', () => {
  it.each(CASES)('$name (random workspaces, in memory)', async ({ loop, read }) => {
    await fc.assert(
      fc.asyncProperty(randomWorkspace, fc.constantFrom(...CODEBOOKS), async (workspace, codebook) => {
        const library = new MemoryLibrary(documentsOf(workspace));
        expect(await read(library, codebook)).toEqual(loop(library.documents, codebook));
      }),
      { numRuns: 60 },
    );
  });

  describe('on a store', () => {
    let temp: Awaited<ReturnType<typeof makeTempDir>>;
    let store: FolderStore;

    // Several random workspaces in one store (their documents' ids kept apart), so it has dozens of annotations.
    beforeAll(async () => {
      temp = await makeTempDir();
      await createWorkspace(temp.dir, { resourcesDir: RESOURCES_DIR, empty: true, name: 'Tallies' });
      store = await FolderStore.open(temp.dir);
      const samples = fc.sample(randomWorkspace, { numRuns: 12, seed: 3 });
      for (const [index, sample] of samples.entries()) {
        for (const file of documentsOf(sample)) {
          const written = await store.putDocument({ ...file, meta: { ...file.meta, id: `${index}-${file.meta.id}` } });
          expect(written.ok).toBe(true);
        }
      }
      expect(store.annotationCount).toBeGreaterThan(40);
    });
    afterAll(async () => {
      await store.close();
      await temp[Symbol.asyncDispose]();
    });

    it.each(CASES)('$name', async ({ loop, read }) => {
      for (const codebook of CODEBOOKS) expect(await read(store, codebook)).toEqual(loop(await readEveryDocument(store), codebook));
    });
  });
});
