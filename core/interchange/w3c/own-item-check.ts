// A quick check of the items of a bundle's annotations.jsonld. Reading a bundle of 100,000
// annotations spent more time in zod's generic parse of `OwnItem` (read-own.ts) than in parsing
// the JSON. Nearly every item is one Claimbench wrote; `isOwnItem` checks one by hand, field by
// field as the schema does, several times faster; where it says no, the schema runs and gives its
// own result and message. So it must never accept what the schema refuses: own-item-check.test.ts
// compares the two on generated and mutated items. What it accepts is the item itself, where the
// schema would give a copy without the unknown keys of `creator` and `claimbench:span` (the only
// strict objects in it); nothing reads those keys.
import { ISO_DATETIME } from '../../model/canonical-annotation.ts';
import type { OwnItem } from './read-own.ts';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const RELATIONS: ReadonlySet<unknown> = new Set(['supports', 'refutes', 'source-of', 'same-claim', 'context']);
const ANCHOR_STATES: ReadonlySet<unknown> = new Set(['moved', 'fuzzy', 'orphaned']);
const FIELDS: ReadonlySet<unknown> = new Set(['speaker', 'outlet']);
const ROLES: ReadonlySet<unknown> = new Set(['from', 'to']);

type Fields = { readonly [key: string]: unknown };

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** An optional string of at most `max` characters: absent, or such a string. */
function isOptionalString(value: unknown, max: number): boolean {
  return value === undefined || isString(value, 0, max);
}

function isOffset(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isBody(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const field = value['claimbench:field'];
  const relation = value['claimbench:relation'];
  return (
    value.type === 'TextualBody' &&
    isString(value.purpose, 0, 64) &&
    isString(value.value, 0, 100_000) &&
    isOptionalString(value['claimbench:tag'], 64) &&
    isOptionalString(value['claimbench:status'], 64) &&
    (field === undefined || FIELDS.has(field)) &&
    (relation === undefined || RELATIONS.has(relation))
  );
}

/** An array of `min` to `max` elements, each passing `check` (a loop: `every` would skip holes). */
function isArrayOf(value: unknown, min: number, max: number, check: (element: unknown) => boolean): boolean {
  if (!Array.isArray(value) || value.length < min || value.length > max) return false;
  for (let index = 0; index < value.length; index++) if (!check(value[index])) return false;
  return true;
}

const isSelector = (value: unknown) => isRecord(value) && isString(value.type, 0, 64);

function isTarget(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const textHash = value['claimbench:textHash'];
  const document = value['claimbench:document'];
  const state = value['claimbench:anchorState'];
  const confidence = value['claimbench:confidence'];
  const review = value['claimbench:review'];
  const span = value['claimbench:span'];
  const role = value['claimbench:role'];
  return (
    value.type === 'SpecificResource' &&
    isString(value.source, 0, 4096) &&
    isArrayOf(value.selector, 1, 8, isSelector) &&
    (textHash === undefined || (typeof textHash === 'string' && SHA256.test(textHash))) &&
    (document === undefined || (typeof document === 'string' && ID.test(document))) &&
    (state === undefined || ANCHOR_STATES.has(state)) &&
    (confidence === undefined || (Number.isFinite(confidence) && (confidence as number) >= 0 && (confidence as number) <= 1)) &&
    isOptionalString(value['claimbench:previousQuote'], Infinity) &&
    (review === undefined || review === 'evidence') &&
    (span === undefined || (isRecord(span) && isOffset(span.start) && isOffset(span.end))) &&
    isOptionalString(value['claimbench:annotation'], 4096) &&
    (role === undefined || ROLES.has(role))
  );
}

/**
 * Whether `value` is an item `OwnItem.safeParse` accepts (see the module comment). False means only
 * "not known to be": ask the schema.
 */
export function isOwnItem(value: unknown): value is OwnItem {
  if (!isRecord(value)) return false;
  const { id, type, motivation, created, modified, creator, body, target } = value;
  const version = value['claimbench:version'];
  return (
    isString(id, 1, 4096) &&
    type === 'Annotation' &&
    isString(motivation, 0, 64) &&
    typeof created === 'string' &&
    ISO_DATETIME.test(created) &&
    typeof modified === 'string' &&
    ISO_DATETIME.test(modified) &&
    (creator === undefined || (isRecord(creator) && isString(creator.name, 0, 200))) &&
    isArrayOf(body, 0, 1000, isBody) &&
    (Array.isArray(target) ? isArrayOf(target, 2, 2, isTarget) : isTarget(target)) &&
    (version === undefined || (Number.isSafeInteger(version) && (version as number) > 0))
  );
}
