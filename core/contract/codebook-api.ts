// The codebook half of the contract: tags, their usage, speakers, codebook files in and out.
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
   * updated, the others added, none removed; a description the file does not carry is kept. Undoable.
   * Lists tag ids, and `notes` on what the file holds that was not imported (a .qdc's code sets).
   */
  importCodebook(
    format: CodebookFormat,
    text: string,
  ): Promise<Result<{ added: string[]; updated: string[]; unchanged: string[]; notes: string[] }, 'invalid' | 'write-failed'>>;
  /** The codebook as a file to save. */
  exportCodebook(format: CodebookFormat): Promise<{ fileName: string; mimeType: string; text: string }>;
  /**
   * Every speaker of the workspace's annotations, as the codebook groups their spellings, with how
   * many annotations name it (speakers of the codebook that no annotation names have 0). Most used first.
   */
  getSpeakers(): Promise<SpeakerUsage[]>;
  /**
   * Makes the speakers named in `from` one speaker with `into`: the codebook keeps their names as
   * its aliases, and every annotation naming one of them names `into`. One undoable change.
   */
  mergeSpeakers(into: string, from: readonly string[]): Promise<Result<{ annotations: number }, 'invalid' | 'write-failed'>>;
}

/** A speaker, its other spellings, and how many annotations name it (by any spelling). */
export interface SpeakerUsage {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly annotations: number;
}

/** This half's method list (the compiler checks it against the interface). */
export const codebookMethods = {
  getTagUsage: true,
  addTag: true,
  updateTag: true,
  deleteTag: true,
  importCodebook: true,
  exportCodebook: true,
  getSpeakers: true,
  mergeSpeakers: true,
} as const satisfies Record<keyof CodebookApi, true>;
