// Evidence between the two panes: linking what is selected on each side, following a link to
// its other end (in the other pane), comparing a quote with its source, and gathering mentions
// into claims. The dialogs it opens are rendered by the window (`dialogs`, `fidelity`, `mentions`).
import { useCallback, useState, type ReactNode } from 'react';
import type { LinkEndInput, LinkView } from '../../../core/contract/workbench-api.ts';
import { LINK_RELATIONS, sameRef, type AnnotationRef, type EvidenceData, type LinkRelation } from '../../../core/model/evidence.ts';
import { versionOf } from '../../../core/model/record-version.ts';
import { api } from '../api/client.ts';
import type { FidelityEnd } from './FidelityDialog.tsx';
import { LinkDialog, type LinkEndDraft } from './LinkDialog.tsx';
import type { SetHashParam } from '../ui/use-hash-state.ts';
import type { DocumentPaneState } from '../reader/use-document-pane.ts';

interface LinkingOptions {
  readonly left: DocumentPaneState;
  readonly right: DocumentPaneState;
  readonly evidence: EvidenceData;
  readonly report: (message: string | undefined) => void;
  readonly setDocumentId: SetHashParam;
  readonly setBesideId: SetHashParam;
}

type LinkForm =
  | { readonly kind: 'new'; readonly from: LinkEndInput; readonly to: LinkEndInput; readonly drafts: readonly [LinkEndDraft, LinkEndDraft] }
  | { readonly kind: 'edit'; readonly view: LinkView; readonly drafts: readonly [LinkEndDraft, LinkEndDraft] };

interface Mention {
  readonly ref: AnnotationRef;
  readonly quote: string;
  readonly documentTitle: string;
}

/** What is selected in a pane as one end of a link: an annotation (selected exactly, or under the cursor) or a new span. */
function endOf(pane: DocumentPaneState): { input: LinkEndInput; draft: LinkEndDraft } | undefined {
  const { open } = pane;
  if (open === undefined) return undefined;
  const annotations = pane.shown?.annotations ?? open.annotations;
  const documentId = open.meta.id;
  const span = pane.textSelection;
  if (span !== undefined) {
    const same = annotations.find((annotation) => annotation.target.start === span.start && annotation.target.end === span.end);
    if (same) return { input: { documentId, annotationId: same.id }, draft: { documentTitle: open.meta.title, quote: same.target.exact } };
    return {
      input: { documentId, start: span.start, end: span.end, annotationId: crypto.randomUUID() },
      draft: { documentTitle: open.meta.title, quote: open.text.slice(span.start, span.end) },
    };
  }
  const annotation = annotations.find((candidate) => candidate.id === pane.selectedAnnotation);
  return (
    annotation && {
      input: { documentId, annotationId: annotation.id },
      draft: { documentTitle: open.meta.title, quote: annotation.target.exact },
    }
  );
}

export function useLinking({ left, right, evidence, report, setDocumentId, setBesideId }: LinkingOptions) {
  const [form, setForm] = useState<LinkForm>();
  const [fidelity, setFidelity] = useState<{ quote: FidelityEnd; source: FidelityEnd }>();
  const [mentions, setMentions] = useState<readonly Mention[]>();
  const leftId = left.documentId;
  const rightId = right.documentId;
  const { revealAnnotation: revealLeft } = left;
  const { revealAnnotation: revealRight } = right;

  const openLeft = useCallback(
    (ref: AnnotationRef) => {
      if (ref.documentId !== leftId) setDocumentId(ref.documentId);
      revealLeft(ref.annotationId, ref.documentId);
    },
    [leftId, setDocumentId, revealLeft],
  );
  const openBeside = useCallback(
    (ref: AnnotationRef) => {
      if (ref.documentId === leftId) return revealLeft(ref.annotationId, ref.documentId);
      if (ref.documentId !== rightId) setBesideId(ref.documentId);
      revealRight(ref.annotationId, ref.documentId);
    },
    [leftId, rightId, setBesideId, revealLeft, revealRight],
  );

  /** Opens two annotations side by side: `first` on the left, `second` on the right. */
  const openPair = useCallback(
    (first: AnnotationRef, second: AnnotationRef) => {
      setDocumentId(first.documentId);
      revealLeft(first.annotationId, first.documentId);
      if (second.documentId === first.documentId) return;
      setBesideId(second.documentId);
      revealRight(second.annotationId, second.documentId);
    },
    [setDocumentId, setBesideId, revealLeft, revealRight],
  );

  /** Opens `there` (the other end of a link followed from `side`) in the other pane. */
  const goTo = useCallback(
    (side: 'left' | 'right', there: AnnotationRef) => {
      if (there.documentId === leftId) return revealLeft(there.annotationId, there.documentId);
      if (there.documentId === rightId) return revealRight(there.annotationId, there.documentId);
      if (side === 'left') openBeside(there);
      else openLeft(there);
    },
    [leftId, rightId, revealLeft, revealRight, openBeside, openLeft],
  );

  const follow = useCallback(
    (side: 'left' | 'right', annotationId: string) => {
      const documentId = side === 'left' ? leftId : rightId;
      if (documentId === undefined) return;
      const here = { documentId, annotationId };
      const link = evidence.links.find((candidate) => sameRef(candidate.from, here) || sameRef(candidate.to, here));
      if (link === undefined) return report('This annotation has no evidence link.');
      goTo(side, sameRef(link.from, here) ? link.to : link.from);
    },
    [leftId, rightId, evidence, goTo, report],
  );

  const start = useCallback(() => {
    if (rightId === undefined)
      return report('Open a source beside this document first (⇥ in the library), then select a span on each side.');
    const from = endOf(left);
    const to = endOf(right);
    if (from === undefined || to === undefined)
      return report(
        `Select a span (or put the cursor in an annotation) ${from === undefined ? 'in the document on the left' : 'in the source on the right'}, then link again.`,
      );
    report(undefined);
    setForm({ kind: 'new', from: from.input, to: to.input, drafts: [from.draft, to.draft] });
  }, [left, right, rightId, report]);

  const saveForm = useCallback(
    async ({ relation, note }: { relation: LinkRelation; note: string }): Promise<string | undefined> => {
      if (form === undefined) return undefined;
      if (form.kind === 'edit') {
        const result = await api.updateLink(form.view.link.id, { relation, note, baseVersion: versionOf(form.view.link) });
        if (!result.ok && result.error.code === 'conflict') {
          const theirs = result.error.current;
          const relation = LINK_RELATIONS.find((info) => info.id === theirs.relation)?.label ?? theirs.relation;
          return `${result.error.message} It is now “${relation}”${theirs.note ? ` with the note “${theirs.note}”` : ''}: close this form and edit the link again to change it as it is.`;
        }
        return result.ok ? undefined : result.error.message;
      }
      const result = await api.createLink({ id: crypto.randomUUID(), relation, from: form.from, to: form.to, note });
      if (!result.ok) return result.error.message;
      if (result.value.sameClaim.kind === 'joined') report('Linked; the new annotation joined the other one’s claim.');
      else if (result.value.sameClaim.kind === 'conflict')
        report('Linked. The two annotations belong to different claims, which were left as they were.');
      return undefined;
    },
    [form, report],
  );

  const titleOf = (documentId: string) =>
    (documentId === leftId ? left.open?.meta.title : documentId === rightId ? right.open?.meta.title : undefined) ?? 'Document';
  const hereTitle = left.open?.meta.title ?? 'Document';

  const views = {
    followView: (view: LinkView) => goTo('left', view.there),
    compare: (view: LinkView) => {
      // An end whose words a new version changed is compared as it was when linked (`was`).
      const end = (documentTitle: string, quote: string, was: string | undefined): FidelityEnd =>
        was === undefined ? { documentTitle, text: quote } : { documentTitle, text: was, now: quote };
      const here = end(hereTitle, view.here.quote, view.here.was);
      const there = end(view.there.title, view.there.quote ?? '', view.there.was);
      // The quotation is the link's `from` end (the quotation), the source its `to` end.
      setFidelity(view.local === 'to' ? { quote: there, source: here } : { quote: here, source: there });
    },
    edit: (view: LinkView) => {
      const drafts: [LinkEndDraft, LinkEndDraft] = [
        { documentTitle: hereTitle, quote: view.here.quote },
        { documentTitle: view.there.title, quote: view.there.quote ?? '' },
      ];
      setForm({ kind: 'edit', view, drafts: view.local === 'to' ? [drafts[1], drafts[0]] : drafts });
    },
    remove: (view: LinkView) =>
      void api.deleteLink(view.link.id).then(
        (result) => report(result.ok ? undefined : result.error.message),
        (error: unknown) => report((error as Error).message),
      ),
    claimLink: (view: LinkView) =>
      setMentions([
        { ref: view.here, quote: view.here.quote, documentTitle: hereTitle },
        ...(view.there.quote === undefined
          ? []
          : [
              {
                ref: { documentId: view.there.documentId, annotationId: view.there.annotationId },
                quote: view.there.quote,
                documentTitle: view.there.title,
              },
            ]),
      ]),
    claimAnnotations: (refs: readonly AnnotationRef[]) =>
      setMentions(
        refs.flatMap((ref) => {
          const pane = ref.documentId === leftId ? left : right;
          const annotation = (pane.shown?.annotations ?? pane.open?.annotations)?.find((candidate) => candidate.id === ref.annotationId);
          return annotation ? [{ ref, quote: annotation.target.exact, documentTitle: titleOf(ref.documentId) }] : [];
        }),
      ),
  };

  const dialogs: ReactNode = form && (
    <LinkDialog
      title={form.kind === 'new' ? 'Link evidence' : 'Edit link'}
      from={form.drafts[0]}
      to={form.drafts[1]}
      {...(form.kind === 'edit' ? { relation: form.view.link.relation, note: form.view.link.note } : {})}
      onSave={saveForm}
      onClose={() => setForm(undefined)}
    />
  );

  return {
    start,
    follow,
    openLeft,
    openBeside,
    openPair,
    ...views,
    dialogs,
    fidelity,
    closeFidelity: () => setFidelity(undefined),
    mentions,
    closeMentions: () => setMentions(undefined),
  };
}
