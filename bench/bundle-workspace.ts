// The bundle benchmark's workspace: `documents` news reports of ~`documentBytes` each, made from
// the corpus article (its paragraphs shuffled, its figures and names varied) with generated
// sentences between them, `annotations` annotations spread over them (sentences, and phrases
// inside some), and a few links and claims across documents. Seeded: every run exports the same data.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { textTarget, type Annotation } from '../core/model/annotation.ts';
import type { Claim, EvidenceLink } from '../core/model/evidence.ts';
import { WORKSPACE_SCHEMA_VERSION, type DocumentFile } from '../core/model/stored-files.ts';
import { normalizeText } from '../core/text/normalize.ts';
import { RESOURCES_DIR } from '../main/app-paths.ts';
import { openOrCreateWorkspace } from '../main/workspace/open-workspace.ts';
import { generator, sentence } from './articles.ts';

const CORPUS = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'seed-article.txt');
const TAGS = [
  'statistic',
  'quote',
  'event',
  'prediction',
  'opinion',
  'named-official',
  'anonymous-source',
  'outlet-report',
  'social-media',
];
const STATUSES = ['unverified', 'supported', 'refuted', 'misleading', 'unverifiable'];
const RELATIONS = ['supports', 'refutes', 'source-of', 'same-claim', 'context'] as const;
const PLACES = ['Mariupol', 'Kharkiv', 'Kherson', 'Odesa', 'Lviv', 'Dnipro', 'Sumy', 'Chernihiv', 'Zaporizhzhia', 'Mykolaiv'];
const OUTLETS = ['CNN', 'The Wall Street Journal', 'The Washington Post', 'the AP', 'NBC', 'Reuters', 'the BBC'];

export interface BundleWorkspace {
  readonly dir: string;
  readonly documents: number;
  readonly annotations: number;
  readonly links: number;
  readonly claims: number;
  /** Characters of document text, all documents together. */
  readonly textLength: number;
}

export interface BundleWorkspaceOptions {
  readonly documents: number;
  readonly annotations: number;
  readonly documentBytes?: number;
}

/** One report: shuffled corpus paragraphs with varied figures and places, and generated sentences between them. */
function reportText(paragraphs: readonly string[], random: () => number, bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    let paragraph = paragraphs[Math.floor(random() * paragraphs.length)]!;
    paragraph = paragraph.replace(/\d[\d,.]*/g, () => String(Math.floor(random() * 5000)));
    paragraph = paragraph.replace(/Mariupol|Kharkiv|Kherson|Kyiv/g, () => PLACES[Math.floor(random() * PLACES.length)]!);
    if (random() < 0.4) paragraph += ` ${sentence(random)}`;
    parts.push(paragraph);
    length += paragraph.length + 2;
  }
  return normalizeText(parts.join('\n\n'));
}

/** The corpus article's paragraphs; generated ones when the corpus is not beside this checkout. */
async function corpusParagraphs(random: () => number): Promise<string[]> {
  const text = await readFile(CORPUS, 'utf8').catch(() => undefined);
  if (text !== undefined)
    return normalizeText(text)
      .split(/\n\n+/)
      .filter((paragraph) => paragraph.trim() !== '');
  return Array.from({ length: 40 }, () => Array.from({ length: 2 + Math.floor(random() * 4) }, () => sentence(random)).join(' '));
}

/** Where the sentences of `text` are (a sentence ends with . ! ? or ” before a space or line end). */
function sentenceSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const match of text.matchAll(/[^\s][^\n]*?[.!?”](?=\s|$)/g)) spans.push({ start: match.index, end: match.index + match[0].length });
  return spans;
}

/** Creates the workspace in `root`/ws. */
export async function createBundleWorkspace(
  root: string,
  { documents, annotations, documentBytes = 24_000 }: BundleWorkspaceOptions,
): Promise<BundleWorkspace> {
  const dir = path.join(root, 'ws');
  const { store } = await openOrCreateWorkspace(dir, { resourcesDir: RESOURCES_DIR, empty: true, name: 'Bundle benchmark' });
  const random = generator(11);
  const paragraphs = await corpusParagraphs(random);
  const now = new Date('2026-11-01T00:00:00Z');
  const refs: { documentId: string; annotationId: string }[] = [];
  let textLength = 0;
  let made = 0;
  for (let index = 0; index < documents; index++) {
    const text = reportText(paragraphs, random, documentBytes);
    textLength += text.length;
    const id = `doc-${String(index).padStart(5, '0')}`;
    const stamp = new Date(now.getTime() + index * 1000).toISOString();
    const spans = sentenceSpans(text);
    // This document's share of the annotations, the remainder going to the first ones.
    const count = Math.floor(annotations / documents) + (index < annotations % documents ? 1 : 0);
    const list: Annotation[] = [];
    for (let number = 0; number < count; number++) {
      const span = spans[Math.floor((number / count) * spans.length)]!;
      // One in five is a phrase inside its sentence rather than the whole sentence.
      const phrase = random() < 0.2 && span.end - span.start > 30;
      const start = phrase ? span.start + 4 : span.start;
      const end = phrase ? Math.min(span.end, start + 24 + Math.floor(random() * 30)) : span.end;
      list.push({
        id: `a-${index}-${number}`,
        target: textTarget(text, start, end),
        anchor: { state: 'exact' },
        tags: [TAGS[Math.floor(random() * TAGS.length)]!, ...(random() < 0.2 ? [TAGS[Math.floor(random() * TAGS.length)]!] : [])].filter(
          (tag, at, all) => all.indexOf(tag) === at,
        ),
        speaker: random() < 0.3 ? `Speaker ${Math.floor(random() * 40)}` : '',
        outlet: random() < 0.2 ? OUTLETS[Math.floor(random() * OUTLETS.length)]! : '',
        status: STATUSES[Math.floor(random() * STATUSES.length)]!,
        note: random() < 0.1 ? `Checked against the **ministry** figures; ${sentence(random)}` : '',
        creator: 'bench',
        created: stamp,
        modified: stamp,
      });
      refs.push({ documentId: id, annotationId: list.at(-1)!.id });
    }
    made += list.length;
    const file: DocumentFile = {
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      meta: {
        id,
        title: `Report ${index}: ${sentence(random).slice(0, 60)}`,
        role: index % 5 === 0 ? 'source' : 'claim',
        outlet: OUTLETS[index % OUTLETS.length]!,
        author: `Reporter ${index % 17}`,
        publishedAt: `2026-08-${String(1 + (index % 28)).padStart(2, '0')}`,
        sourceUrl: `https://benchmark-times.example/articles/${index}`,
        language: 'en',
        format: 'text',
        importedAt: stamp,
        importedFrom: `/bench/report-${index}.txt`,
        textHash: createHash('sha256').update(text, 'utf8').digest('hex'),
        tags: index % 3 === 0 ? ['war'] : [],
      },
      text,
      annotations: list,
      structure: {},
      versions: [],
    };
    const written = await store.putDocument(file);
    if (!written.ok) throw new Error(written.error.message);
  }
  // A link per hundred annotations and a claim per two hundred, between random annotations.
  const pick = () => refs[Math.floor(random() * refs.length)]!;
  const stamp = now.toISOString();
  const links: EvidenceLink[] = [];
  const linkKeys = new Set<string>();
  while (refs.length > 1 && links.length < Math.ceil(refs.length / 100)) {
    const from = pick();
    const to = pick();
    const key = `${from.documentId} ${from.annotationId} ${to.documentId} ${to.annotationId}`;
    if (from === to || linkKeys.has(key)) continue;
    linkKeys.add(key);
    links.push({
      id: `link-${links.length}`,
      relation: RELATIONS[links.length % RELATIONS.length]!,
      from,
      to,
      note: links.length % 4 === 0 ? sentence(random) : '',
      creator: 'bench',
      created: stamp,
      modified: stamp,
    });
  }
  const claims: Claim[] = [];
  for (let index = 0; refs.length > 0 && index < Math.ceil(refs.length / 200); index++) {
    const mentions = [...new Set([pick(), pick(), pick()])];
    claims.push({
      id: `claim-${index}`,
      statement: sentence(random),
      mentions,
      ...(index % 2 === 0
        ? { verdict: { rating: 'mostly-false', rationale: sentence(random), reviewer: 'bench', date: '2026-11-01' } }
        : {}),
      status: index % 2 === 0 ? 'reviewed' : 'open',
      creator: 'bench',
      created: stamp,
      modified: stamp,
    });
  }
  const evidence = await store.putEvidence({ links: dedupeSymmetric(links), claims });
  if (!evidence.ok) throw new Error(evidence.error.message);
  await store.close();
  return { dir, documents, annotations: made, links: evidence.value.links.length, claims: claims.length, textLength };
}

/** Drops a symmetric link whose reverse is already there (the schema refuses both). */
function dedupeSymmetric(links: EvidenceLink[]): EvidenceLink[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    const ends = [`${link.from.documentId} ${link.from.annotationId}`, `${link.to.documentId} ${link.to.annotationId}`];
    if (link.relation === 'same-claim' || link.relation === 'context') ends.sort();
    const key = `${link.relation}|${ends.join('|')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
