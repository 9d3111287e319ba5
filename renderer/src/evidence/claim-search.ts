// Which claims a few typed words find, for the claim picker of "Claim…": every word must occur in
// the statement, accents and case aside, so that "kherson mayor" finds "The Kherson mayor said…".
import type { Claim } from '../../../core/model/evidence.ts';

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLocaleLowerCase();

/** The claims whose statement holds every word of `query`, most recently changed first; all of them for an empty query. */
export function findClaims(claims: readonly Claim[], query: string): Claim[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const found = words.length === 0 ? [...claims] : claims.filter((claim) => words.every((word) => fold(claim.statement).includes(word)));
  return found.sort((a, b) => b.modified.localeCompare(a.modified) || a.id.localeCompare(b.id));
}
