// A quick check of annotations read from disk. Opening a workspace validates every file against its
// schema; with 100,000 annotations the zod schema of an annotation costs more than reading and
// parsing the files. Nearly every annotation read back is one this program wrote: canonical, with
// every field present and nothing extra. `isCanonicalAnnotation` recognises exactly those, by
// hand, about ten times faster; anything it does not recognise goes through the schema as before.
// So it must never accept what the schema would refuse or change (a default filled, a key
// stripped): canonical-annotation.test.ts checks that on random and mutated annotations.
import type { Annotation } from './annotation.ts';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const TAG_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const SHA256 = /^[0-9a-f]{64}$/;
/** z.iso.datetime()'s pattern (UTC, seconds, any fraction): the test compares the two. */
export const ISO_DATETIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z))$/;
const ANCHOR_STATES: ReadonlySet<unknown> = new Set(['exact', 'moved', 'fuzzy', 'orphaned']);
const ANNOTATION_KEYS = 11;
const TARGET_KEYS = 5;

type Record = { readonly [key: string]: unknown };

function isRecord(value: unknown): value is Record {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

function isVersion(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1;
}

function isOffset(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/**
 * Whether `value` is an annotation exactly as the schema would give it back: `Annotation.parse`
 * would succeed and return an equal value. False means only "not known to be": ask the schema.
 */
export function isCanonicalAnnotation(value: unknown): value is Annotation {
  if (!isRecord(value)) return false;
  // `version` is optional (annotations from before versions have none): one key more when present.
  const { id, target, anchor, tags, speaker, outlet, status, note, creator, created, modified, version } = value;
  const keys = Object.keys(value).length;
  if (Object.hasOwn(value, 'version') ? keys !== ANNOTATION_KEYS + 1 || !isVersion(version) : keys !== ANNOTATION_KEYS) return false;
  return (
    typeof id === 'string' &&
    ID.test(id) &&
    isCanonicalTarget(target) &&
    isCanonicalAnchor(anchor) &&
    areTagIds(tags) &&
    isString(speaker, 0, 500) &&
    isString(outlet, 0, 500) &&
    isString(status, 1, 64) &&
    isString(note, 0, 100_000) &&
    isString(creator, 0, 200) &&
    typeof created === 'string' &&
    ISO_DATETIME.test(created) &&
    typeof modified === 'string' &&
    ISO_DATETIME.test(modified)
  );
}

/** A loop, not `every`: `every` skips the holes of a sparse array, which the schema refuses. */
function areTagIds(tags: unknown): boolean {
  if (!Array.isArray(tags)) return false;
  for (let index = 0; index < tags.length; index++) {
    const tag: unknown = tags[index];
    if (typeof tag !== 'string' || !TAG_ID.test(tag)) return false;
  }
  return true;
}

function isCanonicalTarget(target: unknown): boolean {
  if (!isRecord(target) || Object.keys(target).length !== TARGET_KEYS) return false;
  const { start, end, exact, prefix, suffix } = target;
  return (
    isOffset(start) &&
    isOffset(end) &&
    end > start &&
    isString(exact, 1, Infinity) &&
    typeof prefix === 'string' &&
    typeof suffix === 'string'
  );
}

function isCanonicalAnchor(anchor: unknown): boolean {
  if (!isRecord(anchor)) return false;
  for (const key of Object.keys(anchor)) {
    const field = anchor[key];
    if (key === 'state') {
      if (!ANCHOR_STATES.has(field)) return false;
    } else if (key === 'confidence') {
      if (typeof field !== 'number' || !(field >= 0 && field <= 1)) return false;
    } else if (key === 'previousQuote') {
      if (typeof field !== 'string') return false;
    } else if (key === 'review') {
      if (field !== 'evidence') return false;
    } else if (key === 'textHash') {
      if (typeof field !== 'string' || !SHA256.test(field)) return false;
    } else {
      return false;
    }
  }
  return Object.hasOwn(anchor, 'state');
}
