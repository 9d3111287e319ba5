// The codebook half of the contract: tags, their usage, codebook files in and out.
import type { TagDeletionPlan, TagDraft, TagPatch } from '../codebook/edit.ts';
import type { Tag } from '../model/codebook.ts';
import type { Result } from '../result.ts';

export type CodebookFormat = 'csv' | 'qdc';

export interface CodebookApi {
  /** How many annotations carry each tag, across the workspace (tags in no annotation are absent). */
  getTagUsage(): Promise<Record<string, number>>;
  /** Adds a tag (its id derived from the name). Undoable, like every codebook change. */
  addTag(draft: TagDraft): Promise<Result<Tag, 'invalid' | 'write-failed'>>;
  /** Renames, recolours, moves or re-keys a tag; highlights follow at once. */
  updateTag(tagId: string, patch: TagPatch): Promise<Result<Tag, 'not-found' | 'invalid' | 'write-failed'>>;
  /** Deletes a tag (its children move up to its parent) and applies `plan` to its annotations. */
  deleteTag(tagId: string, plan: TagDeletionPlan): Promise<Result<{ annotations: number }, 'not-found' | 'invalid' | 'write-failed'>>;
  /**
   * Merges a codebook file (CSV, or REFI-QDA `.qdc` XML) into the workspace's: matching tags are
   * updated, the others added, none removed. Undoable. Lists tag ids.
   */
  importCodebook(
    format: CodebookFormat,
    text: string,
  ): Promise<Result<{ added: string[]; updated: string[]; unchanged: string[] }, 'invalid' | 'write-failed'>>;
  /** The codebook as a file to save. */
  exportCodebook(format: CodebookFormat): Promise<{ fileName: string; mimeType: string; text: string }>;
}

/** This half's method list (the compiler checks it against the interface). */
export const codebookMethods = {
  getTagUsage: true,
  addTag: true,
  updateTag: true,
  deleteTag: true,
  importCodebook: true,
  exportCodebook: true,
} as const satisfies Record<keyof CodebookApi, true>;
