// A claim's form as the analyst fills it (the draft), and an edit of it refused because someone
// else changed the claim first: which fields differ between theirs and mine, and the merge the
// conflict dialog puts in the form: a field changed on one side only takes that side's value, and
// a statement or rationale changed on both sides holds both, for the analyst to edit and save.
import type { Claim, ClaimStatus } from '../../../core/model/evidence.ts';

export interface ClaimDraft {
  readonly statement: string;
  readonly status: ClaimStatus;
  /** '' for no verdict. */
  readonly rating: string;
  readonly rationale: string;
  readonly reviewer: string;
  readonly date: string;
  readonly reviewUrl: string;
}

export type ClaimDraftField = keyof ClaimDraft;

const FIELDS: readonly ClaimDraftField[] = ['statement', 'status', 'rating', 'rationale', 'reviewer', 'date', 'reviewUrl'];
/** Free text: both sides' words are kept when both changed it. */
const TEXTS: ReadonlySet<ClaimDraftField> = new Set(['statement', 'rationale']);

/** The form's fields for `claim`; a claim without a verdict proposes `analystName` and `today` for one. */
export function draftOf(claim: Claim, analystName: string, today: string): ClaimDraft {
  return {
    statement: claim.statement,
    status: claim.status,
    rating: claim.verdict?.rating ?? '',
    rationale: claim.verdict?.rationale ?? '',
    reviewer: claim.verdict?.reviewer || analystName,
    date: claim.verdict?.date ?? today,
    reviewUrl: claim.reviewUrl ?? '',
  };
}

/** The fields in which `mine` and `theirs` differ, in form order. */
export function differingDraftFields(mine: ClaimDraft, theirs: ClaimDraft): ClaimDraftField[] {
  return FIELDS.filter((field) => mine[field] !== theirs[field]);
}

/** Both edits in one, made from `base`: see the module comment. */
export function mergedDraft(base: ClaimDraft, mine: ClaimDraft, theirs: ClaimDraft): ClaimDraft {
  const merged: Record<string, string> = {};
  for (const field of FIELDS) {
    const bothChanged = mine[field] !== base[field] && theirs[field] !== base[field] && mine[field] !== theirs[field];
    if (bothChanged && TEXTS.has(field)) merged[field] = [theirs[field], mine[field]].filter((text) => text !== '').join('\n\n');
    else merged[field] = mine[field] !== base[field] && !bothChanged ? mine[field] : theirs[field];
  }
  return merged as unknown as ClaimDraft;
}
