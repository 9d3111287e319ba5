// Reads schema.org ClaimReview JSON-LD into archive entries, in every shape fact-checkers publish
// it: one review, an array of them, a `@graph`, and Google's fact-check DataFeed (`dataFeedElement`
// items whose `item` arrays hold the reviews). Writing ClaimReview is core/interchange/claimreview.ts.
import { fail, ok, type Result } from '../result.ts';
import { ArchiveEntry, compactEntry, type ArchiveParseError } from './entry.ts';

type Json = Record<string, unknown>;

/**
 * The ClaimReviews in a JSON-LD text, as archive entries: id from the review's `url` (else `@id`),
 * claim from `claimReviewed`, rating from `reviewRating.alternateName`, publisher from
 * `author.name` (else `publisher.name`), date from `datePublished`, title from `name`/`headline`.
 * Nodes of other types are skipped. Fails, naming the item (its path in the file), on invalid
 * JSON, a review without an id or a claim, or an id used twice; nothing is returned then.
 * @example parseClaimReviewJsonLd('{"@type":"ClaimReview","url":"https://x/1","claimReviewed":"…"}')
 */
export function parseClaimReviewJsonLd(text: string): Result<ArchiveEntry[], ArchiveParseError> {
  let root: unknown;
  try {
    root = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return fail('invalid', `Not JSON: ${(error as Error).message}.`);
  }
  const entries: ArchiveEntry[] = [];
  const seen = new Set<string>();
  for (const { node, at } of reviews(root, '$')) {
    const entry = entryOf(node);
    const parsed = ArchiveEntry.safeParse(entry);
    if (!parsed.success) return fail('invalid', `Item ${at}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}.`);
    if (seen.has(parsed.data.id)) return fail('invalid', `Item ${at}: the id ${JSON.stringify(parsed.data.id)} was used before.`);
    seen.add(parsed.data.id);
    entries.push(parsed.data);
  }
  if (entries.length === 0)
    return fail('invalid', 'No ClaimReview found (looked in the top level, arrays, @graph and dataFeedElement items).');
  return ok(entries);
}

/** Every ClaimReview node under `value`, with its path ("$[3].item[0]") for error messages. */
function* reviews(value: unknown, at: string): Generator<{ node: Json; at: string }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* reviews(value[i], `${at}[${i}]`);
    return;
  }
  if (!isObject(value)) return;
  if (hasType(value, 'ClaimReview')) {
    yield { node: value, at };
    return;
  }
  for (const key of ['@graph', 'dataFeedElement', 'item']) if (key in value) yield* reviews(value[key], `${at}.${key}`);
}

function entryOf(node: Json): unknown {
  const known = new Set([
    '@context',
    '@type',
    '@id',
    'url',
    'claimReviewed',
    'reviewRating',
    'author',
    'publisher',
    'datePublished',
    'name',
    'headline',
  ]);
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(node)) if (!known.has(key) && typeof value === 'string') extra[key] = value;
  return compactEntry({
    id: text(node['url']) ?? text(node['@id']) ?? '',
    claim: text(node['claimReviewed']) ?? '',
    title: text(node['name']) ?? text(node['headline']),
    rating: isObject(node['reviewRating']) ? text(node['reviewRating']['alternateName']) : undefined,
    url: text(node['url']),
    date: text(node['datePublished']),
    publisher: nameOf(node['author']) ?? nameOf(node['publisher']),
    extra,
  });
}

function nameOf(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return isObject(first) ? text(first['name']) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(node: Json, type: string): boolean {
  const types = Array.isArray(node['@type']) ? node['@type'] : [node['@type']];
  return types.some((t) => t === type || t === `schema:${type}` || t === `https://schema.org/${type}` || t === `http://schema.org/${type}`);
}
