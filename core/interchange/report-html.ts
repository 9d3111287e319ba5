// report.html: one self-contained page to read offline and print: the documents with their
// highlights, the claims table, the links and the verdicts, and how far the coders agree when the
// annotations come from two or more (export-agreement.ts).
//
// Safety: every piece of workspace text (document text, notes, names, URLs) is HTML-escaped and
// shown as text, directional overrides as visible code points; notes and rationales are rendered
// from their Markdown by report-markdown.ts, which escapes first and adds only its own markup.
// The page has no scripts, no event handlers, no external resources (source URLs are printed, not
// linked) and a Content-Security-Policy that forbids anything but its inline style, so a payload
// that slipped through would not run.
// Colours come from the settings, checked again against `#rrggbb` before they enter the CSS.
import type { Annotation } from '../model/annotation.ts';
import { CLAIM_STATUSES, LINK_RELATIONS, refKey as key, type AnnotationRef } from '../model/evidence.ts';
import { earlierQuote } from '../annotations/review.ts';
import { timelineOf, type Appearance } from '../evidence/claims-view.ts';
import { sameDayAsFirst } from '../evidence/first-appearance.ts';
import { inReadingOrder } from './claims-csv.ts';
import { exportIndex, isPlaced, type ExportDocument, type ExportIndex, type ExportInput } from './export-input.ts';
import { agreementSectionHtml, exportAgreement, type ExportAgreement } from './export-agreement.ts';
import { escapeHtml } from './report-escape.ts';
import { markdownHtml } from './report-markdown.ts';
import { compareQuote } from '../evidence/quote-fidelity.ts';

export interface ReportOptions {
  /** When the report was made (ISO 8601), printed in its header. */
  readonly generatedAt: string;
  /** The agreement figures when the caller has them already (null: fewer than two coders); computed when absent. */
  readonly agreement?: ExportAgreement | null;
}

export { escapeHtml };

/**
 * The report of `input` as one UTF-8 HTML page.
 * @example zip.add('report.html', reportHtml(input, { generatedAt: new Date().toISOString() }))
 */
export function reportHtml(input: ExportInput, options: ReportOptions): string {
  return [...reportHtmlParts(input, options)].join('');
}

/**
 * The page of `reportHtml` as it is made, one line or section at a time (each with its newline):
 * for a writer that streams it, so that the page never has to be in memory whole.
 * @example for (const part of reportHtmlParts(input, { generatedAt })) write(part)
 */
export function* reportHtmlParts(input: ExportInput, options: ReportOptions): Generator<string> {
  const index = exportIndex(input);
  const tags = input.workspace.codebook.tags;
  const tagClass = new Map(tags.map((tag, position) => [tag.id, `t${position}`]));
  const numbers = numberAnnotations(input);
  const context: Context = { input, index, tagClass, numbers };
  const title = `${input.workspace.name} — Claimbench report`;
  const agreement = options.agreement === undefined ? exportAgreement(input) : (options.agreement ?? undefined);
  yield [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${styleSheet(input)}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeHtml(input.workspace.name)}</h1><p class="meta">Claimbench report, generated <time datetime="${escapeHtml(options.generatedAt)}">${escapeHtml(readableTime(options.generatedAt))}</time></p></header>`,
    '',
  ].join('\n');
  yield `${summary(context)}\n`;
  yield `${agreement === undefined ? '' : agreementSectionHtml(input, agreement)}\n`;
  for (const [position, document] of input.documents.entries()) yield `${documentSection(document, position, context)}\n`;
  yield `${linksSection(context)}\n`;
  yield `${verdictsSection(context)}\n`;
  yield '</body>\n</html>\n';
}

interface Context {
  readonly input: ExportInput;
  readonly index: ExportIndex;
  readonly tagClass: ReadonlyMap<string, string>;
  /** Per annotation (by refKey): its number in its document and its element id when placed. */
  readonly numbers: ReadonlyMap<string, { readonly n: number; readonly anchorId?: string }>;
}

function numberAnnotations(input: ExportInput): Map<string, { n: number; anchorId?: string }> {
  const numbers = new Map<string, { n: number; anchorId?: string }>();
  input.documents.forEach((document, position) => {
    inReadingOrder(document).forEach((annotation, order) => {
      const n = order + 1;
      numbers.set(key({ documentId: document.meta.id, annotationId: annotation.id }), {
        n,
        ...(isPlaced(annotation, document.text) ? { anchorId: `d${position}-a${n}` } : {}),
      });
    });
  });
  return numbers;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
const safeColor = (color: string) => (COLOR.test(color) ? color : '#999999');

function styleSheet(input: ExportInput): string {
  const tagRules = input.workspace.codebook.tags.map((tag, position) => {
    const color = safeColor(tag.color);
    return `.t${position} { background-color: ${color}44; box-shadow: inset 0 -2px ${color}; }`;
  });
  const ratingRules = input.workspace.verdictScale.map((rating, position) => `.r${position} { border-color: ${safeColor(rating.color)}; }`);
  return `${BASE_CSS}${[...tagRules, ...ratingRules].join('\n')}\n`;
}

const BASE_CSS = `body { font: 15px/1.5 system-ui, sans-serif; color: #1d1f23; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { line-height: 1.25; }
.meta { color: #5b6069; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 3px solid #d5d8dd; padding-left: 1rem; }
.empty { color: #5b6069; font-style: italic; }
mark { color: inherit; padding: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
mark[data-n]::before { content: attr(data-n); font-size: 0.65em; vertical-align: super; color: #5b6069; padding-right: 1px; }
.t-none { background-color: #99999944; box-shadow: inset 0 -2px #999999; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.9em; }
th, td { border: 1px solid #d5d8dd; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
td.note, .rationale, .link-note { overflow-wrap: anywhere; }
table.claims td { overflow-wrap: anywhere; }
table.claims td.status { overflow-wrap: normal; }
table.claims td.note { min-width: 12em; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.md p, .md ul, .md ol { margin: 0 0 0.4em; }
.fidelity { color: #555; font-size: 0.9em; }
.swatch { display: inline-block; padding: 0 0.4rem; margin: 0 0.25rem 0.25rem 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.rating { border: 2px solid #999999; border-radius: 3px; padding: 0 0.3rem; font-weight: 600; }
.url { font-family: ui-monospace, monospace; font-size: 0.85em; overflow-wrap: anywhere; }
.orphan { color: #a33; }
.was { color: #8a5a00; font-style: italic; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  section.document, section.links, section.verdicts { break-before: page; }
  a { color: inherit; text-decoration: none; }
  tr, .claim { break-inside: avoid; }
}
`;

function summary({ input, index, tagClass }: Context): string {
  const annotations = input.documents.flatMap((document) => document.annotations.map((annotation) => ({ document, annotation })));
  const orphaned = annotations.filter(({ document, annotation }) => !isPlaced(annotation, document.text)).length;
  const exportedLinks = input.evidence.links.filter((link) => index.find(link.from) && index.find(link.to)).length;
  const verdicts = input.evidence.claims.filter((claim) => claim.verdict !== undefined).length;
  const byStatus = new Map<string, number>();
  for (const { annotation } of annotations) byStatus.set(annotation.status, (byStatus.get(annotation.status) ?? 0) + 1);
  const usedTags = new Set(annotations.flatMap(({ annotation }) => annotation.tags));
  const legend = [...usedTags]
    .map((id) => `<span class="swatch ${tagClass.get(id) ?? 't-none'}">${escapeHtml(index.tagName(id))}</span>`)
    .join('');
  return [
    '<section class="summary"><h2>Summary</h2><table><tbody>',
    row('Documents', input.documents.length),
    row('Annotations', annotations.length),
    row('Orphaned annotations (no longer found in their text)', orphaned),
    row('Links between annotations', exportedLinks),
    row('Claims (statements across documents, each gathering annotations)', input.evidence.claims.length),
    row('Claims with a verdict', verdicts),
    ...[...byStatus].map(([status, count]) => row(`Annotations with status ${index.statusLabel(status)}`, count)),
    '</tbody></table>',
    legend === '' ? '' : `<p>Tags: ${legend}</p>`,
    '</section>',
  ].join('\n');
}

function row(label: string, count: number): string {
  return `<tr><th scope="row">${escapeHtml(label)}</th><td>${count}</td></tr>`;
}

function documentSection(document: ExportDocument, position: number, context: Context): string {
  const { meta } = document;
  const details = [meta.outlet, meta.author, meta.publishedAt ?? '', meta.role === 'source' ? 'source' : ''].filter(
    (part) => part.trim() !== '',
  );
  const ordered = inReadingOrder(document);
  const lang = meta.language !== undefined ? ` lang="${escapeHtml(meta.language)}"` : '';
  return [
    `<section class="document" id="d${position}">`,
    `<h2>${escapeHtml(meta.title)}</h2>`,
    details.length > 0 ? `<p class="meta">${details.map(escapeHtml).join(' · ')}</p>` : '',
    meta.sourceUrl !== undefined ? `<p class="meta">Source: <span class="url">${escapeHtml(meta.sourceUrl)}</span></p>` : '',
    document.text === '' ? '<p class="empty">(empty document)</p>' : `<div class="text"${lang}>${highlightedText(document, context)}</div>`,
    ordered.length === 0 ? '<p class="empty">No annotations.</p>' : claimsTable(document, ordered, context),
    '</section>',
  ].join('\n');
}

/**
 * The text with a `<mark>` per annotation. The text is cut at every start and end, and each piece
 * is wrapped in the marks of every annotation that covers it, outermost (earliest, then longest)
 * first, all closed at the end of the piece: overlapping spans come out as well-formed nesting,
 * and the layered transparent colours show where they overlap.
 */
export function highlightedText(document: ExportDocument, context: Pick<Context, 'index' | 'tagClass' | 'numbers'>): string {
  const { text } = document;
  const spans = document.annotations
    .filter((annotation) => isPlaced(annotation, text))
    .map((annotation) => {
      const number = context.numbers.get(key({ documentId: document.meta.id, annotationId: annotation.id }));
      // The mark's class and title, the same on every piece it covers: made once per annotation.
      const open = `<mark class="${markClass(annotation, context.tagClass)}" title="${escapeHtml(markTitle(annotation, number?.n, context.index))}"`;
      return { annotation, ...number, open };
    })
    .sort(
      (a, b) =>
        a.annotation.target.start - b.annotation.target.start ||
        b.annotation.target.end - a.annotation.target.end ||
        (a.n ?? 0) - (b.n ?? 0),
    );
  const boundaries = [
    ...new Set([0, text.length, ...spans.flatMap(({ annotation }) => [annotation.target.start, annotation.target.end])]),
  ].sort((a, b) => a - b);
  let active: typeof spans = [];
  let next = 0;
  const out: string[] = [];
  for (let i = 0; i < boundaries.length - 1; i++) {
    const [from, to] = [boundaries[i]!, boundaries[i + 1]!];
    active = active.filter(({ annotation }) => annotation.target.end > from);
    while (next < spans.length && spans[next]!.annotation.target.start === from) active.push(spans[next++]!);
    const opening = active.map((span) => {
      const starts = span.annotation.target.start === from;
      const attributes = starts && span.anchorId !== undefined ? ` id="${span.anchorId}" data-n="${span.n}"` : '';
      return `${span.open}${attributes}>`;
    });
    out.push(opening.join(''), escapeHtml(text.slice(from, to)), '</mark>'.repeat(active.length));
  }
  return out.join('');
}

function markClass(annotation: Annotation, tagClass: ReadonlyMap<string, string>): string {
  const primary = annotation.tags[0];
  return (primary !== undefined ? tagClass.get(primary) : undefined) ?? 't-none';
}

function markTitle(annotation: Annotation, n: number | undefined, index: ExportIndex): string {
  const tags = annotation.tags.map(index.tagName).join(', ') || 'Untagged';
  return `[${n ?? '?'}] ${tags} — ${index.statusLabel(annotation.status)}`;
}

function claimsTable(document: ExportDocument, ordered: readonly Annotation[], context: Context): string {
  const rows = ordered.map((annotation) => {
    const number = context.numbers.get(key({ documentId: document.meta.id, annotationId: annotation.id }));
    const placed = number?.anchorId !== undefined;
    const n = placed ? `<a href="#${number.anchorId}">${number.n}</a>` : `${number?.n ?? ''} <span class="orphan">(orphaned)</span>`;
    const tags = annotation.tags
      .map((id) => `<span class="swatch ${context.tagClass.get(id) ?? 't-none'}">${escapeHtml(context.index.tagName(id))}</span>`)
      .join('');
    const cells = [
      `<td>${n}</td>`,
      `<td>${escapeHtml(annotation.target.exact) + wasNote(annotation)}</td>`,
      `<td>${tags}</td>`,
      `<td class="status">${escapeHtml(context.index.statusLabel(annotation.status))}</td>`,
      `<td>${escapeHtml(annotation.speaker)}</td>`,
      `<td>${escapeHtml(annotation.outlet)}</td>`,
      `<td class="note md">${markdownHtml(annotation.note)}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return [
    '<table class="claims"><thead><tr><th>#</th><th>Quote</th><th>Tags</th><th>Status</th><th>Speaker</th><th>Outlet</th><th>Note</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
  ].join('\n');
}

/** A link end: the document title and number (a link to the highlight when it is placed) and the quote. */
function endOf(ref: AnnotationRef, context: Context): string {
  const found = context.index.find(ref);
  if (!found) return '';
  const number = context.numbers.get(key(ref));
  const label = `${escapeHtml(found.document.meta.title)} [${number?.n ?? '?'}]`;
  const where = number?.anchorId !== undefined ? `<a href="#${number.anchorId}">${label}</a>` : label;
  return `${where}: “${escapeHtml(found.annotation.target.exact)}”${wasNote(found.annotation)}`;
}

/**
 * The words an annotation had before a new version changed them (core/annotations/review.ts):
 * what its links and verdict were made on, so the report does not contradict the rationale.
 */
function wasNote(annotation: Annotation): string {
  const was = earlierQuote(annotation);
  return was === undefined ? '' : ` <span class="was">(was: “${escapeHtml(was)}” in an earlier version)</span>`;
}

function linksSection(context: Context): string {
  const { input, index } = context;
  const links = input.evidence.links.filter((link) => index.find(link.from) && index.find(link.to));
  const elsewhere = input.evidence.links.filter(
    (link) => (index.find(link.from) !== undefined) !== (index.find(link.to) !== undefined),
  ).length;
  const items = links.map((link) => {
    const relation = LINK_RELATIONS.find((info) => info.id === link.relation)?.label ?? link.relation;
    const note = link.note.trim() !== '' ? `<div class="link-note md">${markdownHtml(link.note)}</div>` : '';
    // The words the link was made on, when a new version has changed them since (as Compare shows them).
    const madeOn = (ref: AnnotationRef) => {
      const { annotation } = index.find(ref)!;
      return earlierQuote(annotation) ?? annotation.target.exact;
    };
    const fidelity = `<div class="fidelity">${describeFidelity(madeOn(link.from), madeOn(link.to))}</div>`;
    return `<li>${endOf(link.from, context)} <strong>${escapeHtml(relation)} →</strong> ${endOf(link.to, context)}${fidelity}${note}</li>`;
  });
  return [
    '<section class="links"><h2>Links</h2>',
    items.length > 0 ? `<ul>\n${items.join('\n')}\n</ul>` : '<p class="empty">No links.</p>',
    elsewhere > 0
      ? `<p class="meta">${elsewhere} more ${elsewhere === 1 ? 'link leads' : 'links lead'} to documents not in this report.</p>`
      : '',
    '</section>',
  ].join('\n');
}

function verdictsSection(context: Context): string {
  const { input, index } = context;
  const scale = input.workspace.verdictScale;
  // Every claim, with a verdict or not yet: the report is the state of the work.
  const articles = input.evidence.claims.map((claim) => {
    const verdict = claim.verdict;
    const position = verdict === undefined ? -1 : scale.findIndex((rating) => rating.id === verdict.rating);
    const label = verdict === undefined ? 'No verdict yet' : (scale[position]?.label ?? verdict.rating);
    const status = CLAIM_STATUSES.find((item) => item.id === claim.status)?.label ?? claim.status;
    const byline = [verdict?.reviewer ?? '', verdict?.date ?? '', status]
      .filter((part) => part.trim() !== '')
      .map(escapeHtml)
      .join(' · ');
    const timeline = timelineOf(claim, index.mentionLookup);
    const mentions = timeline.map(
      (appearance) =>
        `<li>${endOf(appearance.ref, context)}${appearance.date !== undefined ? ` <span class="meta">(${escapeHtml(appearance.date)})</span>` : ''}</li>`,
    );
    const first = timeline[0]?.instant !== undefined ? timeline[0] : undefined;
    return [
      '<article class="claim">',
      `<h3>${escapeHtml(claim.statement)}</h3>`,
      `<p><span class="rating${position >= 0 ? ` r${position}` : ''}">${escapeHtml(label)}</span> ${byline}</p>`,
      verdict !== undefined && verdict.rationale.trim() !== '' ? `<div class="rationale md">${markdownHtml(verdict.rationale)}</div>` : '',
      first
        ? `<p class="meta">First appearance: ${escapeHtml(first.documentTitle)}${first.outlet !== '' ? `, ${escapeHtml(first.outlet)}` : ''} (${escapeHtml(first.date ?? '')})${sameDayNote(timeline)}</p>`
        : '',
      mentions.length > 0 ? `<ul>${mentions.join('')}</ul>` : '<p class="empty">No mentions in this report.</p>',
      '</article>',
    ].join('\n');
  });
  return [
    '<section class="verdicts"><h2>Claims and verdicts</h2>',
    articles.length > 0 ? articles.join('\n') : '<p class="empty">No claims yet.</p>',
    '</section>',
  ].join('\n');
}

/** ", same day as 1 other document" when the first appearance ties on the date (core/evidence/first-appearance.ts). */
function sameDayNote(timeline: readonly Appearance[]): string {
  const others = sameDayAsFirst(timeline.map(({ date, ref }) => ({ date, documentId: ref.documentId })));
  if (others === 0) return '';
  return `, same day as ${others} other ${others === 1 ? 'document' : 'documents'} (on a tied day a source counts before a claim document)`;
}

/** "1 December 2026, 17:09 UTC" for an ISO time (the report is read by people, in any time zone). */
function readableTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}

/**
 * What Compare says of a link, in words: the `from` end's quote against the `to` end's text, as
 * the app compares them ("Changed: quantity → number").
 */
function describeFidelity(quote: string, source: string): string {
  const { verdict, ops } = compareQuote(quote, source);
  if (verdict === 'verbatim') return 'Quote fidelity: verbatim.';
  if (verdict === 'cosmetic') return 'Quote fidelity: only cosmetic differences (case, punctuation, quotation marks).';
  const words = (list: readonly string[]) => escapeHtml(list.join(' '));
  const changes = ops.flatMap((op) =>
    op.kind === 'changed'
      ? [`changed <del>${words(op.source)}</del> → <ins>${words(op.quote)}</ins>`]
      : op.kind === 'dropped'
        ? [`dropped <del>${words(op.source)}</del>`]
        : op.kind === 'added'
          ? [`added <ins>${words(op.quote)}</ins>`]
          : [],
  );
  return `Quote fidelity: the words differ: ${changes.join('; ')}.`;
}
