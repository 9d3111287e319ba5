// Reads a verified bundle's files back into workspace data: documents with their annotations,
// the codebook, statuses, verdict scale and saved searches, links and claims. The annotations
// come from annotations.jsonld, the W3C export, and nothing else: the bundle has one record of them, in a
// standard format, and reading it back is what proves that export loses nothing (the round-trip
// property test in main/bundle/round-trip.test.ts). Its items are read by the strict reader of
// Claimbench's own export (core/interchange/w3c/read-own.ts); this module checks that the files
// agree with one another. Every file is checked against its schema; hostile or inconsistent
// content is refused with the file and the reason, never half-read.
//
// Two normalisations, both of things the W3C file does not keep apart: an annotation's context
// (`prefix`/`suffix`) is recomputed from the text (it is the text around the span), and a placed
// annotation's `anchor.textHash` is its document's text hash (which is what an absent one means).
import { z } from 'zod';
import { ArchiveEntry } from '../archive/entry.ts';
import { describeIssues } from '../interchange/json-input.ts';
import type { Annotation } from '../model/annotation.ts';
import { Codebook } from '../model/codebook.ts';
import { withQdcGuids } from '../codebook/tag-guids.ts';
import { DocumentMeta, DocumentStructure } from '../model/document.ts';
import { Claim, EvidenceData, refKey, VerdictScale, type VerdictRating } from '../model/evidence.ts';
import type { DocumentFile } from '../model/stored-files.ts';
import { parseDocumentFile, VersionRecord, WORKSPACE_SCHEMA_VERSION } from '../model/stored-files.ts';
import { VerificationStatus } from '../model/workspace.ts';
import { fail, ok, type Result } from '../result.ts';
import { MAX_SAVED_SEARCHES, SavedSearch } from '../search/saved-search.ts';
import { PAUSE_EVERY, readAnnotations, type TextLines } from './read-annotations.ts';

/** What a bundle holds, as workspace data. */
export interface BundleContent {
  /** The exporting workspace's name. */
  readonly workspace: string;
  readonly statuses: readonly VerificationStatus[];
  readonly verdictScale: readonly VerdictRating[];
  readonly codebook: Codebook;
  readonly documents: readonly DocumentFile[];
  readonly evidence: EvidenceData;
  /** Earlier versions' texts, by SHA-256 (texts/). */
  readonly texts: ReadonlyMap<string, string>;
  /** SHA-256s of the imported files the bundle carries (originals/). */
  readonly originals: readonly string[];
  /** The exporting workspace's fact-check archive (archive.json; empty in bundles without one). */
  readonly archive: readonly ArchiveEntry[];
  /** The exporting workspace's saved searches (settings.json; none in bundles from before they travelled). */
  readonly savedSearches: readonly SavedSearch[];
}

export type { TextLines };

/** The bundle's files a reader needs, as text, by path; `paths` lists every file of the bundle. */
export interface BundleTexts {
  readonly paths: readonly string[];
  readonly text: (path: string) => string | undefined;
  /**
   * A large file's lines, each made text when it is asked for, where the caller can give them so
   * (e.g. from the file's bytes): annotations.jsonld is then read a line at a time, never made
   * one string of 100 MB. Without it, or when it gives undefined, `text` is read and split.
   */
  readonly lines?: (path: string) => TextLines | undefined;
  /** Lowercase hex SHA-256 of UTF-8 text (core has no hashing of its own). */
  readonly sha256Hex: (text: string) => string;
  /**
   * The SHA-256 of a file's text as UTF-8, where the caller knows it without hashing the text again:
   * a bundle's manifest lists each file's SHA-256, checked against its bytes, which are the UTF-8
   * of its text when they do not start with a byte order mark. `sha256Hex` hashes the others.
   */
  readonly textHash?: (path: string) => string | undefined;
  /**
   * Lets the caller's event loop run (e.g. `() => new Promise(setImmediate)`): called every
   * `PAUSE_EVERY` annotations, so reading 100,000 of them never holds a server's thread for long.
   */
  readonly pause?: () => Promise<void>;
}

/** The paths `readBundleContent` reads: the caller loads these, and no others, as text. */
export function contentPaths(paths: readonly string[]): string[] {
  return paths.filter((path) => /^documents\/[^/]+\.(json|txt)$/.test(path) || path.startsWith('texts/') || CONTENT_FILES.includes(path));
}

const ANNOTATIONS_PATH = 'annotations.jsonld';

// codebook.qdc for the GUIDs of tags in bundles from before codebook.json carried them (withQdcGuids).
const CONTENT_FILES = [ANNOTATIONS_PATH, 'codebook.json', 'codebook.qdc', 'claims.json', 'settings.json', 'archive.json'];

const SettingsJson = z.object({
  workspace: z.string().min(1).max(200),
  statuses: z.array(VerificationStatus).min(1),
  verdictScale: VerdictScale,
  savedSearches: z.array(SavedSearch).max(MAX_SAVED_SEARCHES).default([]),
});
const ArchiveJson = z.object({
  entries: z.array(ArchiveEntry).superRefine((entries, context) => {
    const seen = new Set<string>();
    for (const [index, entry] of entries.entries()) {
      if (seen.has(entry.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `the id "${entry.id}" is given twice` });
      seen.add(entry.id);
    }
  }),
});
const ClaimsJson = z.object({ claims: z.array(Claim), verdictScale: VerdictScale.optional() });
const DocumentJson = z.object({
  meta: DocumentMeta,
  structure: DocumentStructure.default({}),
  versions: z.array(VersionRecord).default([]),
});

type ContentError = Result<never, 'invalid'>;
const invalid = (file: string, message: string): ContentError => fail('invalid', `${file}: ${message}`);

/**
 * The workspace data in a bundle's files (already verified against its manifest). Fails with
 * `invalid`, naming the file and what is wrong, when any file breaks its schema or the files
 * disagree (an annotation whose quote is not at its position, a link to an annotation the bundle
 * does not have, a document whose text does not hash to its `textHash` …).
 * @example readBundleContent({ paths: manifest.files.map((f) => f.path), text: (p) => texts.get(p), sha256Hex })
 */
export async function readBundleContent(files: BundleTexts): Promise<Result<BundleContent, 'invalid'>> {
  const pause = files.pause ?? (() => Promise.resolve());
  const hashOf = (path: string, text: string) => files.textHash?.(path) ?? files.sha256Hex(text);
  const json = <T>(path: string, schema: z.ZodType<T>, required: boolean): Result<T | undefined, 'invalid'> => {
    const text = files.text(path);
    if (text === undefined) return required ? invalid(path, 'missing from the bundle') : ok(undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return invalid(path, `not valid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(value);
    return parsed.success ? ok(parsed.data) : invalid(path, describeIssues(parsed.error, 'the file'));
  };

  const codebook = json('codebook.json', Codebook, true);
  if (!codebook.ok) return codebook;
  const claims = json('claims.json', ClaimsJson, true);
  if (!claims.ok) return claims;
  // Bundles written before settings.json existed: statuses come from the annotations (below).
  const settings = json('settings.json', SettingsJson, false);
  if (!settings.ok) return settings;
  // Bundles from workspaces without an archive, or from before it travelled, have no archive.json.
  const archive = json('archive.json', ArchiveJson, false);
  if (!archive.ok) return archive;

  const texts = new Map<string, string>();
  for (const path of files.paths.filter((candidate) => candidate.startsWith('texts/'))) {
    const hash = path.slice('texts/'.length);
    const text = files.text(path);
    if (text === undefined || !/^[0-9a-f]{64}$/.test(hash)) return invalid(path, 'not a text named by its SHA-256');
    if (hashOf(path, text) !== hash) return invalid(path, 'its text does not hash to its name');
    texts.set(hash, text);
  }

  const documents = new Map<
    string,
    { meta: DocumentMeta; text: string; structure: DocumentStructure; versions: VersionRecord[]; annotations: Annotation[] }
  >();
  for (const path of files.paths) {
    const match = /^documents\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const read = json(path, DocumentJson, true);
    if (!read.ok) return read;
    const { meta, structure, versions } = read.value!;
    if (meta.id !== match[1]) return invalid(path, `holds document "${meta.id}"`);
    const text = files.text(`documents/${meta.id}.txt`);
    if (text === undefined) return invalid(`documents/${meta.id}.txt`, 'missing from the bundle');
    if (hashOf(`documents/${meta.id}.txt`, text) !== meta.textHash)
      return invalid(`documents/${meta.id}.txt`, 'its text does not hash to the textHash of its document');
    documents.set(meta.id, { meta, text, structure, versions, annotations: [] });
  }

  const read = await readAnnotations({
    lines: files.lines?.(ANNOTATIONS_PATH) ?? splitLines(files.text(ANNOTATIONS_PATH)),
    text: () => files.text(ANNOTATIONS_PATH) ?? '',
    documents,
    texts,
    pause,
  });
  if (!read.ok) return read;
  const { links, labels } = read.value;
  for (const [documentId, annotations] of read.value.annotations) documents.get(documentId)!.annotations = annotations;

  const files_: DocumentFile[] = [];
  const tags = new Set(codebook.value!.tags.map((tag) => tag.id));
  let checked = 0;
  for (const document of documents.values()) {
    checked += document.annotations.length;
    if (checked >= PAUSE_EVERY) {
      checked = 0;
      await pause();
    }
    // The annotations were each checked as they were read: the whole schema runs only on a file that fails.
    const file = parseDocumentFile({ schemaVersion: WORKSPACE_SCHEMA_VERSION, ...document });
    if (!file.success) return invalid(`documents/${document.meta.id}.json`, describeIssues(file.error, 'the file'));
    const unknownTag = file.data.annotations.flatMap((annotation) => annotation.tags).find((tag) => !tags.has(tag));
    if (unknownTag !== undefined)
      return invalid(
        'annotations.jsonld',
        `an annotation of document ${document.meta.id} has the tag "${unknownTag}", which codebook.json does not define`,
      );
    files_.push(file.data);
  }

  const evidence = EvidenceData.safeParse({ links, claims: claims.value!.claims });
  if (!evidence.success) return invalid('annotations.jsonld and claims.json', describeIssues(evidence.error, 'the file'));
  const present = new Set(
    files_.flatMap((file) => file.annotations.map((annotation) => refKey({ documentId: file.meta.id, annotationId: annotation.id }))),
  );
  for (const link of evidence.data.links) {
    for (const end of [link.from, link.to])
      if (!present.has(refKey(end)))
        return invalid(
          'annotations.jsonld',
          `link ${link.id} points at annotation ${end.annotationId} of document ${end.documentId}, which the bundle does not have`,
        );
  }
  for (const claim of evidence.data.claims) {
    for (const mention of claim.mentions)
      if (!present.has(refKey(mention)))
        return invalid(
          'claims.json',
          `claim ${claim.id} mentions annotation ${mention.annotationId} of document ${mention.documentId}, which the bundle does not have`,
        );
  }

  const statuses =
    settings.value?.statuses ?? [...labels].map(([id, label]) => ({ id, label: label.slice(0, 80) || id, color: '#8a8f98' }));
  const used = new Set(files_.flatMap((file) => file.annotations.map((annotation) => annotation.status)));
  const known = new Set(statuses.map((status) => status.id));
  const missingStatus = [...used].find((id) => !known.has(id));
  if (missingStatus !== undefined) return invalid('settings.json', `the status "${missingStatus}" is used but not defined`);
  const verdictScale = settings.value?.verdictScale ?? claims.value!.verdictScale;
  if (verdictScale === undefined) return invalid('settings.json', 'missing from the bundle, and claims.json has no verdict scale');

  return ok({
    workspace: settings.value?.workspace ?? 'Imported bundle',
    statuses,
    verdictScale,
    // A bundle from before tags stored GUIDs has them in codebook.qdc only.
    codebook: withQdcGuids(codebook.value!, files.text('codebook.qdc')),
    documents: files_,
    evidence: evidence.data,
    texts,
    originals: files.paths.filter((path) => /^originals\/[0-9a-f]{64}$/.test(path)).map((path) => path.slice('originals/'.length)),
    archive: archive.value?.entries ?? [],
    savedSearches: settings.value?.savedSearches ?? [],
  });
}

function splitLines(text: string | undefined): TextLines | undefined {
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  return { count: lines.length, line: (index) => lines[index]! };
}
