// Hypothesis's own annotation JSON (an API row: https://h.readthedocs.io/en/latest/api-reference/,
// schema `Annotation`; the client's export holds the same rows) as W3C annotation objects, so that
// one reader (annotationFromW3C) places both. A row's selectors are W3C selectors already; its
// note (`text`, Markdown) and `tags` become bodies, its user's display name (else the name in
// `acct:name@authority`) the creator.
//
// Only the quote and position selectors are kept. Hypothesis's RangeSelector is an XPath into the
// web page's DOM, meaningless on extracted text; its TextPositionSelector counts UTF-16 units of
// the page's text, not code points of this one, so it is kept only as a hint that annotationFromW3C
// takes when the text there is the quote. A row without a quote is a page note (or a position on a
// page we do not have), and a row with `references` is a reply: neither marks a passage.
import { z } from 'zod';
import { isObject, listOf, own } from './json-input.ts';
import { W3C_LIMITS } from './w3c/w3c-read.ts';
import { ANNO_CONTEXT } from './w3c/w3c-types.ts';

const HypothesisRow = z.object({
  id: z.string().min(1).max(200).optional(),
  created: z.string().max(100).optional(),
  updated: z.string().max(100).optional(),
  user: z.string().max(1000).optional(),
  // Cosmetic: a malformed one costs the creator's name, not the annotation.
  user_info: z
    .object({ display_name: z.string().max(1000).nullish() })
    .nullish()
    .catch(undefined),
  links: z
    .object({ html: z.string().max(4096).optional() })
    .nullish()
    .catch(undefined),
  text: z.string().max(W3C_LIMITS.value).nullish(),
  tags: z.array(z.string().max(1000)).max(W3C_LIMITS.bodies).nullish(),
  target: z.array(z.unknown()).max(W3C_LIMITS.targets),
});

type SelectorCopy =
  | { readonly type: 'TextQuoteSelector'; readonly exact: unknown; readonly prefix?: unknown; readonly suffix?: unknown }
  | { readonly type: 'TextPositionSelector'; readonly start: number; readonly end: number };

/** A W3C annotation object for annotationFromW3C, or why the row is left out. */
export type FromHypothesis = { readonly item: Readonly<Record<string, unknown>> } | { readonly reason: string };

/** Whether an object looks like a Hypothesis row rather than a W3C annotation: no `type` or `@context`, a `user` or `uri`. */
export function isHypothesisRow(value: Readonly<Record<string, unknown>>): boolean {
  return (
    own(value, 'type') === undefined &&
    own(value, '@context') === undefined &&
    (typeof own(value, 'user') === 'string' || typeof own(value, 'uri') === 'string')
  );
}

/**
 * One Hypothesis row (parsed JSON, possibly hostile) as a W3C annotation object: tags as `tagging`
 * bodies, the note as a `commenting` one, the creator, `created` and `updated` as `modified`, the
 * targets with their quote and position selectors. Replies and page notes give a reason instead.
 * `label` names the row in the made-up id of a row without an id.
 * @example
 * hypothesisToW3C({ id: 'a1', user: 'acct:ana@hypothes.is', text: 'Check', tags: ['budget'],
 *   target: [{ source: 'https://example.org', selector: [{ type: 'TextQuoteSelector', exact: 'taxes' }] }] }, 'Row 1')
 * // → { item: { type: 'Annotation', motivation: 'tagging', creator: { type: 'Person', name: 'ana' }, body: [ … ], … } }
 */
export function hypothesisToW3C(value: Readonly<Record<string, unknown>>, label: string): FromHypothesis {
  const references = own(value, 'references');
  if (Array.isArray(references) && references.length > 0) return { reason: 'a reply to another annotation, which marks no text.' };
  const parsed = HypothesisRow.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'the row'}: ${issue.message}`);
    return { reason: `not a Hypothesis annotation Claimbench can read: ${issues.join('; ')}` };
  }
  const row = parsed.data;
  const target = row.target.flatMap((one) => {
    if (!isObject(one)) return [];
    const selector = listOf(own(one, 'selector')).flatMap(textSelectorOf);
    if (!selector.some((item) => item.type === 'TextQuoteSelector')) return [];
    const source = own(one, 'source');
    return [{ type: 'SpecificResource', ...(typeof source === 'string' ? { source } : {}), selector }];
  });
  if (target.length === 0) return { reason: 'a page note: it quotes no text.' };
  const tags = (row.tags ?? []).filter((tag) => tag.trim() !== '');
  const note = row.text?.trim() ? row.text : '';
  const body = [
    ...tags.map((tag) => ({ type: 'TextualBody', purpose: 'tagging', value: tag })),
    ...(note !== '' ? [{ type: 'TextualBody', purpose: 'commenting', value: note, format: 'text/markdown' }] : []),
  ];
  const displayName = row.user_info?.display_name?.trim();
  const name = displayName !== undefined && displayName !== '' && displayName.length <= 200 ? displayName : accountName(row.user);
  return {
    item: {
      '@context': ANNO_CONTEXT,
      id: row.links?.html ?? `urn:x-hypothesis:annotation:${encodeURIComponent((row.id ?? label).toWellFormed())}`,
      type: 'Annotation',
      motivation: tags.length > 0 ? 'tagging' : note !== '' ? 'commenting' : 'highlighting',
      ...(row.created !== undefined ? { created: row.created } : {}),
      ...(row.updated !== undefined ? { modified: row.updated } : {}),
      ...(name !== undefined ? { creator: { type: 'Person', name } } : {}),
      ...(body.length > 0 ? { body } : {}),
      target,
    },
  };
}

/**
 * The user name in a Hypothesis account IRI, as Hypothesis's JSON-LD gives a creator.
 * @example accountName('acct:ana_lopez@hypothes.is') // 'ana_lopez'; accountName('https://x') // undefined
 */
export function accountName(user: string | undefined): string | undefined {
  const name = user === undefined ? undefined : /^acct:([^@]{1,200})@/.exec(user)?.[1];
  return name?.trim() ? name : undefined;
}

/** The quote selector as it is (annotationFromW3C checks it); a position only when usable, being a hint. */
function textSelectorOf(selector: unknown): SelectorCopy[] {
  if (!isObject(selector)) return [];
  const type = own(selector, 'type');
  if (type === 'TextQuoteSelector') {
    const [prefix, suffix] = [own(selector, 'prefix'), own(selector, 'suffix')];
    return [
      { type, exact: own(selector, 'exact'), ...(prefix !== undefined ? { prefix } : {}), ...(suffix !== undefined ? { suffix } : {}) },
    ];
  }
  const [start, end] = [own(selector, 'start'), own(selector, 'end')];
  if (type !== 'TextPositionSelector' || typeof start !== 'number' || typeof end !== 'number') return [];
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start < end ? [{ type, start, end }] : [];
}
