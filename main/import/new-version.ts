// A new version of a document already in the workspace: the document keeps its id, its analyst-
// made metadata and its annotations, which are re-anchored on the new text; the old text and file
// stay in the workspace (texts/, originals/) and are listed in the document's version history
// (`listVersions`). Annotations with evidence whose words changed go to review (core/annotations/review.ts).
// Rejected suggestions are carried to the new text where their words are unchanged.
import { anchorAll } from '../../core/anchoring/anchor.ts';
import { awaitsReview, reanchored } from '../../core/annotations/review.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { carryRejections } from '../../core/suggest/carry-rejections.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import type { AnchorCounts } from '../../core/model/import.ts';
import type { Extracted } from './extract-types.ts';

export interface NewVersionInput {
  readonly previous: DocumentFile;
  readonly extracted: Extracted;
  /**
   * The annotations (ids) that carry evidence: an end of a link or a mention of a claim. They go to
   * review whenever the new version changes their words (core/annotations/review.ts).
   */
  readonly withEvidence: ReadonlySet<string>;
  readonly provenance: {
    readonly name: string;
    readonly origin: string;
    readonly originalHash: string;
    readonly textHash: string;
    readonly now: Date;
  };
}

/** The updated document file and how its annotations fared. */
export function newVersion({ previous, extracted, withEvidence, provenance }: NewVersionInput): {
  file: DocumentFile;
  anchors: AnchorCounts;
} {
  const text = extracted.text;
  const counts = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0, needReview: 0 };
  // All at once, in one call: each annotation found aims the search for the next.
  const results = anchorAll(
    text,
    previous.annotations.map((annotation) => annotation.target),
  );
  const version = { text, textHash: provenance.textHash, previousTextHash: previous.meta.textHash };
  const annotations = previous.annotations.map((annotation, index): Annotation => {
    const result = results[index]!;
    const next = reanchored(annotation, result, version, withEvidence.has(annotation.id));
    counts[result.state]++;
    if (awaitsReview(next.anchor)) counts.needReview++;
    return next;
  });

  const { markdown: _previousMarkdown, rejectedSuggestions, ...meta } = previous.meta;
  // Rejected suggestions stay rejected where their words did not change (core/suggest/carry-rejections.ts).
  const rejected =
    rejectedSuggestions === undefined
      ? undefined
      : carryRejections({ text: previous.text, textHash: meta.textHash }, { text, textHash: provenance.textHash }, rejectedSuggestions);
  const file: DocumentFile = {
    schemaVersion: previous.schemaVersion,
    meta: {
      ...meta,
      ...(extracted.markdown ? { markdown: extracted.markdown } : {}),
      ...(rejected === undefined ? {} : { rejectedSuggestions: rejected }),
      // What the analyst set stays; what the new file says fills only what is empty.
      outlet: meta.outlet || (extracted.outlet ?? '').slice(0, 500),
      author: meta.author || (extracted.author ?? '').slice(0, 500),
      format: extracted.format,
      importedAt: provenance.now.toISOString(),
      importedFrom: provenance.origin.slice(0, 4096),
      textHash: provenance.textHash,
      originalHash: provenance.originalHash,
      originalName: provenance.name.slice(0, 1000),
    },
    text,
    annotations,
    structure: {
      ...(extracted.pages?.length ? { pages: [...extracted.pages] } : {}),
      ...(extracted.headings?.length ? { headings: [...extracted.headings] } : {}),
    },
    versions: [
      ...previous.versions,
      {
        textHash: meta.textHash,
        ...(meta.originalHash === undefined ? {} : { originalHash: meta.originalHash }),
        ...(meta.originalName === undefined ? {} : { originalName: meta.originalName }),
        importedAt: meta.importedAt,
        importedFrom: meta.importedFrom,
        replacedAt: provenance.now.toISOString(),
      },
    ],
  };
  return { file, anchors: counts };
}
