// What the service counts over every annotation of the workspace (docs/design/on-demand-store.md
// §1.5, §2.3): tag use, the tag matrix, status use, speakers, the annotation form's suggestions, the
// annotation table's choices and the coders. Each asks the store for a tally (tally.ts) and folds
// its distinct keys here, so nothing reads every document; a spelling of a speaker is resolved once
// per spelling, a set of tags goes up the codebook once per set. A tally's keys come in no order
// that means anything (the PostgreSQL store's come from a GROUP BY), so no fold here depends on it:
// names sort with compareNames (a total order), and the name shown for spellings of one speaker not
// in the codebook is the most used of them.
import { tagMatrix, type TagMatrix } from '../../core/annotations/tag-matrix.ts';
import { speakerResolver } from '../../core/codebook/speakers.ts';
import type { AnnotationTableChoices } from '../../core/contract/annotation-table-api.ts';
import type { CoderSummary } from '../../core/contract/agreement-api.ts';
import type { SpeakerUsage } from '../../core/contract/codebook-api.ts';
import type { Codebook } from '../../core/model/codebook.ts';
import { speakerKey } from '../../core/model/codebook.ts';
import { compareNames } from '../../core/text/compare-names.ts';
import { tallyParts } from '../store/tally.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';

type Tallies = Pick<WorkspaceStore, 'tally'>;

/** Annotations per tag id (a tag's own, not those below it), for the codebook's counts. */
export async function tagUsage(store: Tallies): Promise<Record<string, number>> {
  const usage: Record<string, number> = {};
  for (const [key, count] of await store.tally('tags')) for (const tag of tallyParts<string[]>(key)) usage[tag] = (usage[tag] ?? 0) + count;
  return usage;
}

/** The tag × document matrix, documents in library order. */
export async function tagMatrixOf(store: Pick<WorkspaceStore, 'tally' | 'heads'>, codebook: Codebook): Promise<TagMatrix> {
  const tallied = await store.tally('document-tags');
  const tagSets = [...tallied].map(([key, count]) => {
    const [documentId, tags] = tallyParts<[string, string[]]>(key);
    return { documentId, tags, count };
  });
  const documents = store.heads.map(({ id, title, annotationCount }) => ({ documentId: id, title, annotations: annotationCount }));
  return tagMatrix(documents, tagSets, codebook);
}

/** Annotations per status id. */
export async function statusUsage(store: Tallies): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  for (const [status, count] of await store.tally('status')) statuses[status] = count;
  return statuses;
}

/** The codebook's speakers and every other name annotations give, with their annotations, most used first. */
export async function speakerUsage(store: Tallies, codebook: Codebook): Promise<SpeakerUsage[]> {
  const speakerOf = speakerResolver(codebook);
  const usage = new Map<string, { name: string; aliases: readonly string[]; annotations: number }>();
  for (const speaker of codebook.speakers ?? []) usage.set(speakerKey(speaker.name), { ...speaker, annotations: 0 });
  /** Per speaker not in the codebook (by key), the annotations of each name its spellings give. */
  const others = new Map<string, Map<string, number>>();
  for (const [spelling, count] of await store.tally('speaker')) {
    if (spelling.trim() === '') continue;
    const speaker = speakerOf(spelling);
    const key = speakerKey(speaker.name);
    const entry = usage.get(key);
    if (entry !== undefined) entry.annotations += count;
    else {
      const names = others.get(key) ?? new Map<string, number>();
      names.set(speaker.name, (names.get(speaker.name) ?? 0) + count);
      others.set(key, names);
    }
  }
  for (const [key, names] of others) {
    const [[name]] = [...names].sort((a, b) => b[1] - a[1] || compareNames(a[0], b[0])) as [[string, number]];
    usage.set(key, { name, aliases: [], annotations: [...names.values()].reduce((sum, n) => sum + n, 0) });
  }
  return [...usage.values()]
    .sort((a, b) => b.annotations - a.annotations || compareNames(a.name, b.name))
    .map(({ name, aliases, annotations }): SpeakerUsage => ({ name, aliases, annotations }));
}

/** The spellings annotations give that the codebook makes `name`'s, other than `name` itself: what merging into it rewrites. */
export async function spellingsOf(store: Tallies, codebook: Codebook, name: string): Promise<string[]> {
  const speakerOf = speakerResolver(codebook);
  return [...(await store.tally('speaker')).keys()].filter(
    (spelling) => spelling.trim() !== '' && spelling !== name && speakerOf(spelling).name === name,
  );
}

/** Speakers (by their codebook name) and outlets that annotations give, most used first: what the annotation form offers. */
export async function annotationSuggestions(store: Tallies, codebook: Codebook): Promise<{ speakers: string[]; outlets: string[] }> {
  const speakers = new Map<string, number>();
  const outlets = new Map<string, number>();
  const speakerOf = speakerResolver(codebook);
  // Counted, and offered, under the speaker's name whatever spelling an annotation has.
  for (const [named, count] of await store.tally('speaker')) {
    const speaker = named && speakerOf(named).name;
    if (speaker) speakers.set(speaker, (speakers.get(speaker) ?? 0) + count);
  }
  for (const [outlet, count] of await store.tally('outlet')) if (outlet) outlets.set(outlet, (outlets.get(outlet) ?? 0) + count);
  const byUse = (counts: Map<string, number>) =>
    [...counts].sort((a, b) => b[1] - a[1] || compareNames(a[0], b[0])).map(([value]) => value);
  return { speakers: byUse(speakers), outlets: byUse(outlets) };
}

/** The outlets the annotation table shows and the creators, with their rows, most used first. */
export async function tableChoices(store: Tallies): Promise<AnnotationTableChoices> {
  const listed = (counts: ReadonlyMap<string, number>) =>
    [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || compareNames(a.value, b.value));
  const [outlets, creators] = await Promise.all([store.tally('shown-outlet'), store.tally('creator')]);
  return { outlets: listed(outlets), creators: listed(creators) };
}

/** Every creator with placed annotations in the workspace, with how many and in how many documents, by name. */
export async function coderSummaries(store: Tallies): Promise<CoderSummary[]> {
  const counts = new Map<string, { annotations: number; documents: number }>();
  for (const [key, count] of await store.tally('coder-documents')) {
    const [creator] = tallyParts<[string, string]>(key);
    const entry = counts.get(creator) ?? { annotations: 0, documents: 0 };
    entry.annotations += count;
    entry.documents++;
    counts.set(creator, entry);
  }
  return [...counts].map(([name, entry]) => ({ name, ...entry })).sort((a, b) => compareNames(a.name, b.name));
}
