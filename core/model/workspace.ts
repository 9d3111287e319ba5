// The workspace: a folder holding workspace.json (settings, codebook) and one file per document.
import { z } from 'zod';
import type { Codebook } from './codebook.ts';
import { MarkdownMode } from './document.ts';
import { DEFAULT_VERDICT_SCALE, ReviewUrlPattern, VerdictScale } from './evidence.ts';
import type { Failure } from '../result.ts';
import { MAX_SAVED_SEARCHES, SavedSearch } from '../search/saved-search.ts';

export const VerificationStatus = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  label: z.string().min(1).max(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type VerificationStatus = z.infer<typeof VerificationStatus>;

export const DEFAULT_STATUSES: readonly VerificationStatus[] = [
  { id: 'unverified', label: 'Unverified', color: '#8a8f98' },
  { id: 'supported', label: 'Supported', color: '#2e9e5b' },
  { id: 'refuted', label: 'Refuted', color: '#d64545' },
  { id: 'misleading', label: 'Misleading', color: '#e08a1e' },
  { id: 'unverifiable', label: 'Unverifiable', color: '#7a5cc2' },
];

export const WorkspaceSettings = z.object({
  /** Recorded as the creator of new annotations. */
  analystName: z.string().max(200).default(''),
  statuses: z.array(VerificationStatus).min(1),
  /** The ratings a claim's verdict may take. Workspaces made before verdicts existed get the default. */
  verdictScale: VerdictScale.default(() => DEFAULT_VERDICT_SCALE.map((rating) => ({ ...rating }))),
  /**
   * Whether the first-run prompt (analyst, workspace name, keep the sample or start empty) has been
   * answered. A new workspace starts false; one made before the prompt existed is past its first run.
   */
  welcomed: z.boolean().default(true),
  /**
   * Where the analyst publishes fact checks, `{claimId}` standing for the claim's id: the ClaimReview
   * `url` of a claim that has no `reviewUrl` of its own.
   */
  reviewUrlPattern: ReviewUrlPattern.optional(),
  /** How Markdown files are imported (the Import button, dropped files, File › Import…): as plain text, or their source kept. */
  markdownImport: MarkdownMode.default('plain'),
  /** Named queries of the workspace search (listed in the library). Workspaces made before they existed have none. */
  savedSearches: z.array(SavedSearch).max(MAX_SAVED_SEARCHES).default([]),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;

/** What the renderer shows in the status bar. */
export interface SaveState {
  /** Writes accepted but not yet on disk. */
  readonly pending: number;
  readonly lastSavedAt?: string;
  /** The last write's failure, until a later write succeeds. */
  readonly lastError?: Failure;
}

export interface WorkspaceInfo {
  readonly name: string;
  /** Absolute folder of the workspace; on a team server, its database (without a password). */
  readonly path: string;
  readonly schemaVersion: number;
  readonly documentCount: number;
  readonly annotationCount: number;
  readonly settings: WorkspaceSettings;
  readonly codebook: Codebook;
  readonly saveState: SaveState;
  /** Files that could not be read, each with the reason; they are left untouched on disk. */
  readonly problems: readonly Failure[];
  /** The check the host runs once the workspace is open (absent where it runs none). */
  readonly check?: OpeningCheck;
  /** Present on a team server (`claimbench team serve`): members sign in, and their account names their work. */
  readonly team?: { readonly database: string };
}

/**
 * What the host's check of an open workspace found (main/store/check-workspace.ts, the part of
 * `claimbench check` that opening does not do: hashes of originals and earlier texts, tags and
 * statuses the codebook lacks, links and mentions of annotations that are gone). It finds; it
 * does not repair.
 */
export type OpeningCheck =
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly findings: readonly { readonly file: string; readonly problem: string }[] }
  | { readonly state: 'failed'; readonly message: string };
