// The agreement report: every measure per chosen tag and document, and pooled over the chosen
// documents (documentId null), for the chosen coders. What the Agreement view, report.html, the
// CSV and `claimbench agreement` show.
import { descendantsOf } from '../codebook/edit.ts';
import type { Codebook } from '../model/codebook.ts';
import { addTallies, anyMarked, tallyCharacters, tallySubjects, tallyTable, tallyUnits, type CharacterTally } from './character-tally.ts';
import { cohenKappa } from './cohen-kappa.ts';
import { spansByTagAndCoder, tagLookup, type AnnotationsByCoder } from './coded-annotations.ts';
import { notDefined, REASONS, type Figure } from './figure.ts';
import { fleissKappa } from './fleiss-kappa.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';
import { percentAgreement } from './percent-agreement.ts';
import { matchSpans, spanF1FromCounts, type SpanMatchRule } from './span-f1.ts';
import type { Span } from './spans.ts';
import { unitizedAlpha, type Continuum } from './unitized-alpha.ts';

/** A document as the report needs it: its id and the length of its stored (NFC) text. */
export interface AgreementDocument {
  readonly id: string;
  readonly textLength: number;
}

/** What the analyst chose to compare. */
export interface AgreementSelection {
  /** Creators, in the order the figures name them; the first two are the pair for Cohen and span F1. */
  readonly coders: readonly string[];
  readonly tagIds: readonly string[];
  /** Documents to include, in report order; every document when omitted. */
  readonly documentIds?: readonly string[];
  /** How spans match for span F1; exact boundaries when omitted. */
  readonly spanMatch?: SpanMatchRule;
}

/**
 * One line of the report. Each figure carries its own `units`: characters for the character-level
 * measures and α_u, spans (both coders') for span F1.
 */
export interface AgreementRow {
  readonly tag: string;
  /** null on the pooled row: all chosen documents together. */
  readonly documentId: string | null;
  readonly coders: readonly string[];
  /** Characters compared. */
  readonly units: number;
  readonly percentAgreement: Figure;
  /** Cohen's kappa for two coders, Fleiss' kappa for more. */
  readonly characterKappa: Figure;
  readonly characterAlpha: Figure;
  readonly unitizedAlpha: Figure;
  /** Two coders only. */
  readonly spanF1: Figure;
}

/** The figures of a row, in the order tables, CSV and JSON give them. */
export const AGREEMENT_FIGURES = ['percentAgreement', 'characterKappa', 'characterAlpha', 'unitizedAlpha', 'spanF1'] as const;
export type AgreementFigureName = (typeof AGREEMENT_FIGURES)[number];

/** One tag in one document, or pooled: the inputs every measure reads. */
interface Cell {
  readonly tally: CharacterTally;
  readonly continua: readonly Continuum[];
  /** Span F1's matched pairs and the two coders' span counts (two coders only). */
  readonly matched: number;
  readonly spanCounts: readonly [number, number];
}

/**
 * The report for `selection`: for each chosen tag, a row per chosen document, then the pooled
 * row. A tag counts together with the tags below it in `codebook` (a coder's "claim" includes
 * their "statistic" under it). A coder with no annotation in a document coded nothing there.
 */
export function agreementReport(
  documents: readonly AgreementDocument[],
  annotationsByCoder: AnnotationsByCoder,
  codebook: Codebook,
  selection: AgreementSelection,
): AgreementRow[] {
  const coders = [...new Set(selection.coders)];
  const tagIds = [...new Set(selection.tagIds)];
  const rule = selection.spanMatch ?? { kind: 'exact' };
  const chosen = chosenDocuments(documents, selection.documentIds);
  const lookup = tagLookup(tagIds, (tagId) => descendantsOf(codebook, tagId));
  const rowsByTag: AgreementRow[][] = tagIds.map(() => []);
  const cellsByTag: Cell[][] = tagIds.map(() => []);
  for (const document of chosen) {
    const annotations = coders.map((coder) => annotationsByCoder.get(coder)?.get(document.id) ?? []);
    const spans = spansByTagAndCoder(annotations, lookup, tagIds.length, document.textLength);
    tagIds.forEach((tag, index) => {
      const cell = cellOf(spans[index]!, document.textLength, rule);
      cellsByTag[index]!.push(cell);
      rowsByTag[index]!.push(row(tag, document.id, coders, document.textLength, cell));
    });
  }
  const units = chosen.reduce((sum, document) => sum + document.textLength, 0);
  return tagIds.flatMap((tag, index) => [...rowsByTag[index]!, row(tag, null, coders, units, pooled(coders.length, cellsByTag[index]!))]);
}

function chosenDocuments(documents: readonly AgreementDocument[], ids: readonly string[] | undefined): AgreementDocument[] {
  if (ids === undefined) return [...documents];
  const byId = new Map(documents.map((document) => [document.id, document]));
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}

function cellOf(spansByCoder: readonly (readonly Span[])[], length: number, rule: SpanMatchRule): Cell {
  const [first = [], second = []] = spansByCoder;
  return {
    tally: tallyCharacters(spansByCoder, length),
    continua: [{ length, unitsByCoder: spansByCoder }],
    matched: spansByCoder.length === 2 ? matchSpans(first, second, rule) : 0,
    spanCounts: [first.length, second.length],
  };
}

function pooled(coders: number, cells: readonly Cell[]): Cell {
  return {
    tally: addTallies(
      coders,
      cells.map((cell) => cell.tally),
    ),
    continua: cells.flatMap((cell) => cell.continua),
    matched: cells.reduce((sum, cell) => sum + cell.matched, 0),
    spanCounts: [cells.reduce((sum, cell) => sum + cell.spanCounts[0], 0), cells.reduce((sum, cell) => sum + cell.spanCounts[1], 0)],
  };
}

function row(tag: string, documentId: string | null, coders: readonly string[], units: number, cell: Cell): AgreementRow {
  const base = { tag, documentId, coders, units };
  if (coders.length < 2) {
    const one = notDefined(REASONS.oneCoder, units);
    return {
      ...base,
      percentAgreement: one,
      characterKappa: one,
      characterAlpha: one,
      unitizedAlpha: one,
      spanF1: notDefined(REASONS.oneCoder, cell.spanCounts[0]),
    };
  }
  if (units === 0) {
    const none = notDefined(REASONS.noUnits, 0);
    return { ...base, percentAgreement: none, characterKappa: none, characterAlpha: none, unitizedAlpha: none, spanF1: none };
  }
  const spanF1 =
    coders.length === 2 ? spanF1FromCounts(cell.matched, cell.spanCounts[0], cell.spanCounts[1]) : notDefined(REASONS.twoCodersOnly, 0);
  // Everyone agreeing on "nothing" is agreement about nothing: no figure, rather than 100%.
  if (!anyMarked(cell.tally)) {
    const nothing = notDefined(REASONS.nothingMarked, units);
    return { ...base, percentAgreement: nothing, characterKappa: nothing, characterAlpha: nothing, unitizedAlpha: nothing, spanF1 };
  }
  const characters = tallyUnits(cell.tally);
  return {
    ...base,
    percentAgreement: percentAgreement(characters),
    characterKappa: coders.length === 2 ? cohenKappa(tallyTable(cell.tally)) : fleissKappa(tallySubjects(cell.tally)),
    characterAlpha: krippendorffAlpha(characters),
    unitizedAlpha: unitizedAlpha(cell.continua),
    spanF1,
  };
}
