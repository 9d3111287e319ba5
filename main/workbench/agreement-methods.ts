// The agreement half of the workbench service: the figures for the chosen coders, documents and
// tags (core/agreement/report.ts), a document's disagreements, and curation: each decision is
// written as annotations of the curator, replacing the curator's earlier ones in that region (or,
// for "nothing here", kept with the document's details), in one change through the change log (so
// one undo step); the coders' annotations are never touched.
import { randomUUID } from 'node:crypto';
import { newAnnotation, vocabularyOf } from '../../core/annotations/annotation-operations.ts';
import { MAX_CODERS } from '../../core/agreement/character-tally.ts';
import { groupByCoder } from '../../core/agreement/coded-annotations.ts';
import { curate } from '../../core/agreement/curate.ts';
import { CURATOR, curatedIn, curationEdit, keptNothingAfter, keptNothingIn, type CurationEdit } from '../../core/agreement/curation.ts';
import { codersOf, tagsUsed } from '../../core/agreement/default-selection.ts';
import { listAgreements, listDisagreements, type Disagreement } from '../../core/agreement/disagreements.ts';
import { agreementReport, type AgreementRow } from '../../core/agreement/report.ts';
import type { SpanMatchRule } from '../../core/agreement/span-f1.ts';
import { descendantsOf } from '../../core/codebook/edit.ts';
import { canonicalSpeaker } from '../../core/codebook/speakers.ts';
import type { CurationOutcome, CurationRequest, DisagreementsRequest, WorkbenchApi } from '../../core/contract/workbench-api.ts';
import { afterAnnotationsRemoved } from '../../core/evidence/references.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import type { Codebook } from '../../core/model/codebook.ts';
import type { KeptNothing } from '../../core/model/document.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { withHeld } from '../store/document-holds.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { coderSummaries } from './annotation-tallies.ts';
import type { ChangeLog } from './change-log.ts';

type AgreementMethods = Pick<WorkbenchApi, 'getAgreement' | 'getDisagreements' | 'curateDisagreement' | 'curateAgreements'>;

type CurationFailure = 'not-found' | 'invalid' | 'write-failed';

/** Characters of text shown on each side of a disagreement's region. */
const CONTEXT = 60;

export function agreementMethods(store: WorkspaceStore, changes: ChangeLog): AgreementMethods {
  /** The chosen tags with the tags inside them, or undefined for every tag. */
  const tagSetOf = (codebook: Codebook, tagIds: readonly string[] | undefined) =>
    tagIds === undefined ? undefined : new Set(tagIds.flatMap((id) => [...descendantsOf(codebook, id)]));

  const byCoderIn = (file: DocumentFile, coders: readonly string[]) =>
    new Map(coders.map((coder) => [coder, file.annotations.filter((annotation) => annotation.creator === coder)]));

  /** The request's coders and curator, or why they cannot be compared and curated. */
  const checkCoders = ({ coders, curator }: DisagreementsRequest): Result<string[], 'invalid'> => {
    const chosen = [...new Set(coders)];
    if (chosen.length < 2) return fail('invalid', 'Choose two or more coders to compare.');
    if (chosen.includes(curator))
      return fail('invalid', `“${curator}” is one of the coders compared: write the curated version under another name (“${CURATOR}”).`);
    return ok(chosen);
  };

  /**
   * Writes `edit` as one undoable change, with the links and claim mentions of what it removes,
   * and the document's "nothing here" decisions when they change (`kept`).
   */
  const commitEdit = async (
    file: DocumentFile,
    edit: CurationEdit,
    label: string,
    kept?: KeptNothing[],
  ): Promise<Result<CurationOutcome, 'not-found' | 'write-failed'>> => {
    const documentId = file.meta.id;
    if (edit.put.length === 0 && edit.remove.length === 0 && kept === undefined) return ok({ written: 0, removed: 0 });
    const removed = edit.remove.map((annotation) => ({ documentId, annotationId: annotation.id }));
    const written = await changes.commit({
      label,
      annotations: [
        ...edit.remove.map((before) => ({ documentId, annotationId: before.id, before, after: undefined })),
        ...edit.put.map((after) => ({ documentId, annotationId: after.id, before: undefined, after })),
      ],
      ...(removed.length > 0 ? { evidence: afterAnnotationsRemoved(store.evidence, { annotations: removed }) } : {}),
      ...(kept === undefined
        ? {}
        : {
            details: [
              { documentId, before: { keptNothing: file.meta.keptNothing }, after: { keptNothing: kept.length > 0 ? kept : undefined } },
            ],
          }),
    });
    return written.ok ? ok({ written: edit.put.length, removed: edit.remove.length }) : written;
  };

  /**
   * Runs a curation step on `documentId` in turn with every other change, once the document is
   * there and the request's coders can be compared, with the tags chosen (and those inside them).
   */
  const curating = (
    documentId: string,
    request: DisagreementsRequest,
    step: (
      file: DocumentFile,
      coders: string[],
      tagSet: ReadonlySet<string> | undefined,
    ) => Promise<Result<CurationOutcome, CurationFailure>>,
  ) =>
    changes.exclusive(
      async (): Promise<Result<CurationOutcome, CurationFailure>> => {
        const file = store.document(documentId);
        if (file === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
        const coders = checkCoders(request);
        if (!coders.ok) return coders;
        return step(file, coders.value, tagSetOf(store.workspace.codebook, request.tagIds));
      },
      { pipelined: true, documents: [documentId] },
    );

  return {
    async getAgreement(request) {
      const { codebook } = store.workspace;
      const curator = request.curator ?? CURATOR;
      // In library order, whatever the order chosen; ids no longer in the workspace are left out.
      // Every document compared is kept for the call: the report needs them all at once (the
      // design's open question 3 asks whether the team server should require a selection).
      const documents: DocumentFile[] = [];
      for await (const file of store.eachDocument(request.documentIds === undefined ? {} : { ids: request.documentIds }))
        documents.push(file);
      const byCoder = groupByCoder(documents.map((file) => ({ id: file.meta.id, annotations: file.annotations })));
      const coders = request.coders === undefined ? codersOf(byCoder).filter((coder) => coder !== curator) : [...new Set(request.coders)];
      if (coders.length > MAX_CODERS)
        return fail('invalid', `${coders.length} coders have annotations here; choose at most ${MAX_CODERS} to compare.`);
      const known = new Set(codebook.tags.map((tag) => tag.id));
      const tagIds =
        request.tagIds === undefined ? tagsUsed(byCoder, coders, codebook) : [...new Set(request.tagIds)].filter((id) => known.has(id));
      const spanMatch: SpanMatchRule = request.overlap === undefined ? { kind: 'exact' } : { kind: 'overlap', minimum: request.overlap };
      const lengths = documents.map((file) => ({ id: file.meta.id, textLength: file.text.length }));
      const rows = agreementReport(lengths, byCoder, codebook, { coders, tagIds, spanMatch });

      // Each coder against the curated version, over the documents the curator has worked on
      // (written annotations there, or settled a region as "nothing here").
      const worked = new Set(
        documents
          .filter((file) => file.meta.keptNothing?.some((kept) => kept.curator === curator && kept.textHash === file.meta.textHash))
          .map((file) => file.meta.id),
      );
      const curated = lengths.filter(({ id }) => worked.has(id) || placed(byCoder.get(curator)?.get(id) ?? []).length > 0);
      const againstCurated: AgreementRow[] =
        curated.length === 0
          ? []
          : coders
              .filter((coder) => coder !== curator)
              .flatMap((coder) =>
                agreementReport(curated, byCoder, codebook, { coders: [coder, curator], tagIds, spanMatch }).filter(
                  (row) => row.documentId === null,
                ),
              );

      const tagSet = tagSetOf(codebook, tagIds);
      const summaries = documents.map((file) => {
        const items = coders.length < 2 ? [] : listDisagreements(file.meta.id, byCoderIn(file, coders), coders, tagSet);
        const settled = items.filter(
          (item) => keptNothingIn(item, file.meta, curator) || curatedIn(item, file.annotations, curator, tagSet).length > 0,
        ).length;
        return { id: file.meta.id, title: file.meta.title, disagreements: items.length, curated: settled };
      });
      return ok({
        coders: await coderSummaries(store),
        compared: { coders, documentIds: documents.map((file) => file.meta.id), tagIds, spanMatch, curator },
        rows,
        againstCurated,
        documents: summaries,
      });
    },

    getDisagreements(documentId, request) {
      return withHeld(store, [documentId], async () => {
        const file = store.document(documentId);
        if (file === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
        const coders = checkCoders(request);
        if (!coders.ok) return coders;
        const tagSet = tagSetOf(store.workspace.codebook, request.tagIds);
        const byId = new Map(file.annotations.map((annotation) => [annotation.id, annotation]));
        const items = listDisagreements(documentId, byCoderIn(file, coders.value), coders.value, tagSet).map((item) => ({
          start: item.start,
          end: item.end,
          kinds: item.kinds,
          sides: item.sides.map((side) => ({ coder: side.coder, annotations: side.annotationIds.map((id) => byId.get(id)!) })),
          curated: curatedIn(item, file.annotations, request.curator, tagSet),
          keptNothing: keptNothingIn(item, file.meta, request.curator),
          text: file.text.slice(item.start, item.end),
          before: file.text.slice(Math.max(0, item.start - CONTEXT), item.start),
          after: file.text.slice(item.end, item.end + CONTEXT),
        }));
        return ok({ documentId, title: file.meta.title, items });
      });
    },

    curateDisagreement(documentId, request) {
      return curating(documentId, request, async (file, coders, tagSet) => {
        const item = listDisagreements(documentId, byCoderIn(file, coders), coders, tagSet).find(
          (one) => one.start === request.region.start && one.end === request.region.end,
        );
        if (item === undefined)
          return fail('not-found', 'The coders’ annotations there have changed since the disagreements were listed: look again.');
        const written = decisionAnnotations(file, item, request);
        if (!written.ok) return written;
        const existing = curatedIn(item, file.annotations, request.curator, tagSet);
        // Accepting a side with nothing on it is a decision too: "nothing here", kept with the document.
        const nothing = request.decision.kind === 'accept' && written.value.length === 0;
        const kept = keptNothingAfter(file.meta, item, request.curator, nothing);
        return commitEdit(file, curationEdit(existing, written.value), curationLabel(request), kept);
      });
    },

    curateAgreements(documentId, request) {
      return curating(documentId, request, async (file, coders, tagSet) => {
        const now = new Date().toISOString();
        const put = listAgreements(documentId, byCoderIn(file, coders), coders, tagSet)
          .filter((region) => curatedIn(region, file.annotations, request.curator, tagSet).length === 0)
          .flatMap((region) =>
            curate(region, file.annotations, { kind: 'accept', coder: coders[0]! }, { creator: request.curator, now, newId: randomUUID }),
          );
        return commitEdit(file, { put, remove: [] }, `Curate: take over ${put.length} agreed annotation${put.length === 1 ? '' : 's'}`);
      });
    },
  };

  /** The curated annotations a decision writes for `item`, or what is wrong with it. */
  function decisionAnnotations(
    file: DocumentFile,
    item: Disagreement,
    { decision, curator, coders }: CurationRequest,
  ): Result<Annotation[], 'invalid'> {
    const now = new Date().toISOString();
    const options = { creator: curator, now, newId: randomUUID };
    if (decision.kind === 'accept') {
      if (!coders.includes(decision.coder)) return fail('invalid', `“${decision.coder}” is not one of the coders compared.`);
      return ok(curate(item, file.annotations, { kind: 'accept', coder: decision.coder }, options));
    }
    if (decision.kind === 'merge') return ok(curate(item, file.annotations, { kind: 'merge' }, options));
    const { annotation } = decision;
    if (annotation.start < item.start || annotation.end > item.end)
      return fail('invalid', `The curated annotation must lie inside the disagreement, characters ${item.start} to ${item.end}.`);
    const speaker = annotation.speaker === undefined ? {} : { speaker: canonicalSpeaker(store.workspace.codebook, annotation.speaker) };
    const created = newAnnotation(
      file.text,
      { ...annotation, ...speaker },
      { id: randomUUID(), creator: curator, now, vocabulary: vocabularyOf(store.workspace), textHash: file.meta.textHash },
    );
    return created.ok ? ok([created.value]) : created;
  }
}

/** "Curate: accept Ana", for the Edit menu and the status bar. */
function curationLabel({ decision }: CurationRequest): string {
  if (decision.kind === 'accept') return `Curate: accept ${decision.coder === '' ? '(no analyst name)' : decision.coder}`;
  return decision.kind === 'merge' ? 'Curate: merge' : 'Curate: edit';
}

const placed = (annotations: readonly Annotation[]) => annotations.filter((annotation) => annotation.anchor.state !== 'orphaned');
