// The reader's hover card names the claim an annotation belongs to and its verdict: one
// decoration per annotation in a claim, with a hover message and no look of its own (a few per
// document, so the set is rebuilt whole on each change).
import { useEffect, useRef, type RefObject } from 'react';
import type { ClaimMembership } from '../../../core/evidence/membership.ts';
import type { DocumentView } from '../../../core/model/document.ts';
import { escapeMarkdown } from './hover-markdown.ts';
import { monaco } from './monaco.ts';
import { isPlaced, rangeOf } from './reader-highlights.ts';

export function useClaimHovers(
  editorRef: RefObject<monaco.editor.IStandaloneCodeEditor | null>,
  claims: ReadonlyMap<string, readonly ClaimMembership[]> | undefined,
  document: DocumentView,
): void {
  const collection = useRef<monaco.editor.IEditorDecorationsCollection>(null);
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    collection.current ??= editor.createDecorationsCollection();
    const inClaims =
      claims === undefined || claims.size === 0
        ? []
        : document.annotations.filter((annotation) => claims.has(annotation.id) && isPlaced(annotation));
    collection.current.set(
      inClaims.map((annotation) => ({
        range: rangeOf(model, annotation),
        options: {
          hoverMessage: { value: claimHover(claims!.get(annotation.id)!) },
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      })),
    );
  }, [editorRef, claims, document.annotations, document.meta.id]);
}

/** "Claim: “Water use fell 12%” · Verdict: **False**", a line per claim, names escaped. */
export function claimHover(memberships: readonly ClaimMembership[]): string {
  return memberships
    .map((claim) => {
      const statement = claim.statement.length > 140 ? `${claim.statement.slice(0, 140)}…` : claim.statement;
      const verdict = claim.verdict ? `Verdict: **${escapeMarkdown(claim.verdict.label)}**` : 'no verdict yet';
      return `Claim: “${escapeMarkdown(statement)}” · ${verdict}`;
    })
    .join('  \n');
}
