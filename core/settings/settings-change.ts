// Changing the workspace settings: the analyst's name, the workspace's name, the span statuses,
// the verdict scale, how Markdown files are imported and the saved searches. Pure: the service
// counts what the records use (`SettingsUsage`) and this decides whether the change may be made.
// A status or rating that records use cannot be removed (their records would name something the
// workspace no longer has); the refusal says how many use it. Saved searches need a name each.
import { z } from 'zod';
import { MarkdownMode } from '../model/document.ts';
import { ReviewUrlPattern, VerdictScale } from '../model/evidence.ts';
import { VerificationStatus, type WorkspaceSettings } from '../model/workspace.ts';
import { MAX_SAVED_SEARCHES, SavedSearch, savedSearchesProblem } from '../search/saved-search.ts';
import { fail, ok, type Result } from '../result.ts';

/** The most entries a status list or a verdict scale may have. */
export const MAX_SCALE_ENTRIES = 30;

/** Changes an analyst may make to the workspace settings; absent fields stay as they are. */
export const SettingsPatch = z.strictObject({
  analystName: z.string().trim().max(200).optional(),
  /** The workspace's name: shown in the status bar, used for export file names and report titles. */
  workspaceName: z.string().trim().min(1, 'the workspace needs a name').max(200).optional(),
  statuses: z.array(VerificationStatus).min(1).max(MAX_SCALE_ENTRIES).optional(),
  verdictScale: VerdictScale.max(MAX_SCALE_ENTRIES).optional(),
  /** The first-run prompt has been answered (or dismissed). */
  welcomed: z.boolean().optional(),
  /** Where fact checks are published, with {claimId}; null or "" removes it. */
  reviewUrlPattern: z.string().trim().max(2048).nullable().optional(),
  /** How Markdown files are imported: as plain text, or their source kept. */
  markdownImport: MarkdownMode.optional(),
  /** The saved searches, all of them (added, renamed, removed or reordered in the list sent). */
  savedSearches: z.array(SavedSearch).max(MAX_SAVED_SEARCHES).optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** How many records use each status (annotations) and each rating (claims' verdicts), by id. */
export interface SettingsUsage {
  readonly statuses: Readonly<Record<string, number>>;
  readonly ratings: Readonly<Record<string, number>>;
}

/** The workspace's name and settings as they are kept. */
export interface SettingsState {
  readonly name: string;
  readonly settings: WorkspaceSettings;
}

/**
 * The settings after `patch`, or why not: a list with an empty or repeated label or id
 * (`invalid`), or one that drops a status or rating records still use (`in-use`).
 *
 * @example applySettingsPatch(state, { statuses: [unverified] }, { statuses: { refuted: 2 }, ratings: {} })
 * // → fail('in-use', 'The status "Refuted" is used by 2 annotations: …')
 */
export function applySettingsPatch(
  state: SettingsState,
  patch: SettingsPatch,
  usage: SettingsUsage,
): Result<SettingsState, 'invalid' | 'in-use'> {
  const { settings } = state;
  if (patch.statuses !== undefined) {
    const problem = listProblem(patch.statuses, 'status') ?? removedInUse(settings.statuses, patch.statuses, usage.statuses, 'status');
    if (problem) return problem;
  }
  if (patch.verdictScale !== undefined) {
    const problem =
      listProblem(patch.verdictScale, 'rating') ?? removedInUse(settings.verdictScale, patch.verdictScale, usage.ratings, 'rating');
    if (problem) return problem;
  }
  if (patch.savedSearches !== undefined) {
    const problem = savedSearchesProblem(patch.savedSearches);
    if (problem !== undefined) return fail('invalid', problem);
  }
  let reviewUrlPattern = settings.reviewUrlPattern;
  if (patch.reviewUrlPattern === null || patch.reviewUrlPattern === '') reviewUrlPattern = undefined;
  else if (patch.reviewUrlPattern !== undefined) {
    const parsed = ReviewUrlPattern.safeParse(patch.reviewUrlPattern);
    if (!parsed.success) return fail('invalid', `The review URL pattern: ${parsed.error.issues[0]?.message ?? 'not valid'}.`);
    reviewUrlPattern = parsed.data;
  }
  const { reviewUrlPattern: _old, ...kept } = settings;
  return ok({
    name: patch.workspaceName ?? state.name,
    settings: {
      ...kept,
      ...(reviewUrlPattern !== undefined ? { reviewUrlPattern } : {}),
      ...(patch.analystName !== undefined ? { analystName: patch.analystName } : {}),
      ...(patch.statuses !== undefined ? { statuses: patch.statuses } : {}),
      ...(patch.verdictScale !== undefined ? { verdictScale: patch.verdictScale } : {}),
      ...(patch.welcomed !== undefined ? { welcomed: patch.welcomed } : {}),
      ...(patch.markdownImport !== undefined ? { markdownImport: patch.markdownImport } : {}),
      ...(patch.savedSearches !== undefined ? { savedSearches: patch.savedSearches } : {}),
    },
  });
}

type Entry = { readonly id: string; readonly label: string };

function listProblem(entries: readonly Entry[], kind: 'status' | 'rating') {
  const ids = new Set<string>();
  const labels = new Set<string>();
  for (const { id, label } of entries) {
    const name = label.trim();
    if (name === '') return fail('invalid', `Every ${kind} needs a name.`);
    if (ids.has(id)) return fail('invalid', `Two ${kind === 'status' ? 'statuses' : 'ratings'} have the id "${id}".`);
    if (labels.has(name.toLocaleLowerCase()))
      return fail('invalid', `Two ${kind === 'status' ? 'statuses' : 'ratings'} are called "${name}": give each its own name.`);
    ids.add(id);
    labels.add(name.toLocaleLowerCase());
  }
  return undefined;
}

function removedInUse(
  before: readonly Entry[],
  after: readonly Entry[],
  used: Readonly<Record<string, number>>,
  kind: 'status' | 'rating',
) {
  const kept = new Set(after.map((entry) => entry.id));
  const removed = before.filter((entry) => !kept.has(entry.id) && (used[entry.id] ?? 0) > 0);
  if (removed.length === 0) return undefined;
  const what = removed.map((entry) => {
    const count = used[entry.id]!;
    return kind === 'status'
      ? `"${entry.label}" (${count} annotation${count === 1 ? '' : 's'})`
      : `"${entry.label}" (${count} claim${count === 1 ? '' : 's'})`;
  });
  const fix = kind === 'status' ? 'give those annotations another status first' : 'give those claims another verdict first';
  return fail(
    'in-use',
    `${removed.length === 1 ? `The ${kind}` : `The ${kind === 'status' ? 'statuses' : 'ratings'}`} ${what.join(', ')} ${removed.length === 1 ? 'is' : 'are'} still used: ${fix}, or keep ${removed.length === 1 ? 'it' : 'them'} (renaming is always possible).`,
  );
}
