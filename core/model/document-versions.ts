// A document's versions as the version history lists them: the earlier ones kept in the document
// file (`versions`, oldest first, their texts in texts/<hash>) and the current one (`meta`), numbered
// from 1, each with when it was imported and from where; and which version an annotation was made on.
import type { DocumentMeta } from './document.ts';
import type { VersionRecord } from './stored-files.ts';

/** One version of a document. */
export interface DocumentVersion {
  /** 1 for the first version imported; the current one has the highest number. */
  readonly number: number;
  readonly textHash: string;
  /** The imported file's name, when it had one. */
  readonly originalName?: string;
  /** The file path or URL it was imported from. */
  readonly importedFrom: string;
  readonly importedAt: string;
  /** When the next version replaced it; absent for the current version. */
  readonly replacedAt?: string;
  readonly current: boolean;
  /** How many of the document's annotations were made while this version was current. */
  readonly annotationsMadeOn: number;
}

/** What `versionsOf` reads of a document file. */
export interface VersionedDocument {
  readonly meta: Pick<DocumentMeta, 'textHash' | 'originalName' | 'importedFrom' | 'importedAt'>;
  readonly versions: readonly VersionRecord[];
  readonly annotations: readonly { readonly created: string }[];
}

/**
 * Every version of a document, oldest first, the current one last.
 * @example versionsOf(file).at(-1)!.current === true
 */
export function versionsOf(document: VersionedDocument): DocumentVersion[] {
  const rows = [
    ...document.versions.map((record) => ({ ...record, current: false })),
    {
      textHash: document.meta.textHash,
      ...(document.meta.originalName === undefined ? {} : { originalName: document.meta.originalName }),
      importedFrom: document.meta.importedFrom,
      importedAt: document.meta.importedAt,
      current: true,
    },
  ];
  const made = new Array<number>(rows.length).fill(0);
  const starts = rows.map((row) => row.importedAt);
  for (const annotation of document.annotations) made[madeOnIndex(starts, annotation.created)]!++;
  return rows.map((row, index) => ({
    number: index + 1,
    textHash: row.textHash,
    ...(row.originalName === undefined ? {} : { originalName: row.originalName }),
    importedFrom: row.importedFrom,
    importedAt: row.importedAt,
    ...('replacedAt' in row ? { replacedAt: row.replacedAt } : {}),
    current: row.current,
    annotationsMadeOn: made[index]!,
  }));
}

/**
 * The version an annotation created at `created` (ISO) was made on: the last one imported at or
 * before that time. An annotation older than every version (brought by a bundle or an annotation
 * file from elsewhere) counts as made on the first.
 * @example versionMadeOn(versions, annotation.created).number // 2
 */
export function versionMadeOn(versions: readonly DocumentVersion[], created: string): DocumentVersion {
  if (versions.length === 0) throw new RangeError('a document has at least one version');
  return versions[
    madeOnIndex(
      versions.map((version) => version.importedAt),
      created,
    )
  ]!;
}

function madeOnIndex(starts: readonly string[], created: string): number {
  const time = Date.parse(created);
  let index = 0;
  for (let at = 1; at < starts.length; at++) if (Date.parse(starts[at]!) <= time) index = at;
  return index;
}
