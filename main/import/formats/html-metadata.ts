// What a saved web page says about itself: title, author, outlet, date, canonical URL, language,
// read from <meta>, <link rel=canonical>, JSON-LD and <time> of the page as saved (before
// Readability rewrites it). Every value is checked so it fits the document schema.
import type { Extracted } from '../extract-types.ts';

/** The page's own claims about itself; each field is absent when the page does not say. */
export type PageMetadata = Pick<Extracted, 'title' | 'author' | 'outlet' | 'publishedAt' | 'sourceUrl' | 'language'>;

// The schema's limits (core/model/document.ts): longer values are cut rather than rejected.
const MAX_TITLE = 1000;
const MAX_NAME = 500;

/** <meta> names and properties that carry a publication date, most specific first. */
const DATE_KEYS = [
  'article:published_time',
  'og:published_time',
  'date',
  'dc.date.issued',
  'dc.date',
  'dcterms.issued',
  'dcterms.date',
  'pubdate',
  'publishdate',
  'parsely-pub-date',
  'citation_publication_date',
];

/** Reads the metadata of `document`, which must be the page as parsed, not Readability's copy. */
export function readPageMetadata(document: Document): PageMetadata {
  const meta = metaTags(document);
  const firstMeta = (...keys: string[]) => keys.map((key) => meta.get(key)).find((value) => value !== undefined);
  const time = document.querySelector('article time[datetime]') ?? document.querySelector('time[datetime]');
  const dates = [firstMeta(...DATE_KEYS), jsonLdDatePublished(document), time?.getAttribute('datetime') ?? undefined];
  return {
    title: cleanText(firstMeta('og:title') ?? document.title, MAX_TITLE),
    // article:author is often a profile URL rather than a name.
    author: cleanText(
      [meta.get('author'), meta.get('article:author')].find((value) => value !== undefined && !/^https?:/i.test(value)),
      MAX_NAME,
    ),
    outlet: cleanText(firstMeta('og:site_name', 'application-name'), MAX_NAME),
    publishedAt: dates.map((value) => (value === undefined ? undefined : isoDate(value))).find((value) => value !== undefined),
    sourceUrl: [canonicalHref(document), meta.get('og:url')].map(httpUrl).find((value) => value !== undefined),
    language: languageTag(document.documentElement.getAttribute('lang') ?? meta.get('content-language')),
  };
}

/** Whitespace collapsed, trimmed, in NFC, capped at `max` characters; undefined when nothing is left. */
export function cleanText(value: string | null | undefined, max: number): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim().normalize('NFC');
  return text ? text.slice(0, max) : undefined;
}

/** A byline without its leading "By ", as bylines in article bodies usually start. */
export function cleanAuthor(value: string | null | undefined): string | undefined {
  return cleanText(value?.replace(/^\s*by\s+/i, ''), MAX_NAME);
}

/**
 * Normalizes a date as pages write it to ISO 8601. A value with a time zone becomes a UTC
 * date-time (kept as written if already ISO); one without becomes a plain date, because turning
 * it into an instant would depend on this machine's zone. Unparseable or partial dates give undefined.
 * @example isoDate('Tue, 05 Mar 2024 10:00:00 GMT') === '2024-03-05T10:00:00Z'
 * @example isoDate('March 5, 2024') === '2024-03-05'
 */
export function isoDate(value: string): string | undefined {
  const trimmed = value.trim();
  const dateOnly = /^(\d{4}-\d{2}-\d{2})(?:$|[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$)/.exec(trimmed);
  if (dateOnly) return validDate(dateOnly[1]!);
  if (/^\d{4}(-\d{2})?$/.test(trimmed)) return undefined;
  const time = Date.parse(trimmed);
  if (Number.isNaN(time)) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed)) return trimmed;
  if (/(Z|GMT|UTC|[+-]\d{2}:?\d{2})$/i.test(trimmed)) return new Date(time).toISOString().replace('.000Z', 'Z');
  // No zone: Date.parse read it as local time, so the local calendar date is the one written.
  const local = new Date(time);
  return validDate(`${String(local.getFullYear()).padStart(4, '0')}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`);
}

function validDate(date: string): string | undefined {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : undefined;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Every <meta>'s content by its lowercased name, property or http-equiv; the first of each wins. */
function metaTags(document: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const element of document.querySelectorAll('meta[content]')) {
    const content = element.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attribute of ['name', 'property', 'http-equiv', 'itemprop']) {
      const key = element.getAttribute(attribute)?.trim().toLowerCase();
      if (key && !tags.has(key)) tags.set(key, content);
    }
  }
  return tags;
}

function canonicalHref(document: Document): string | undefined {
  for (const link of document.querySelectorAll('link[rel][href]')) {
    const rel = link.getAttribute('rel')!.toLowerCase().split(/\s+/);
    if (rel.includes('canonical')) return link.getAttribute('href')!;
  }
  return undefined;
}

/** The URL if it is absolute http(s); relative ones are dropped, since a saved page has no base. */
function httpUrl(value: string | undefined): string | undefined {
  if (value === undefined || !URL.canParse(value.trim())) return undefined;
  const url = new URL(value.trim());
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/** Canonical BCP 47 ("en_us" → "en-US"), or undefined for something that is not a language tag. */
export function languageTag(value: string | null | undefined): string | undefined {
  const tag = value?.split(',')[0]?.trim().replace(/_/g, '-');
  if (!tag) return undefined;
  try {
    const canonical = Intl.getCanonicalLocales(tag)[0];
    return canonical !== undefined && canonical.length <= 35 ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/** The first `datePublished` in the page's JSON-LD blocks, searched through arrays and @graph. */
function jsonLdDatePublished(document: Document): string | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json" i]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const found = findDatePublished(data, 0);
    if (found !== undefined) return found;
  }
  return undefined;
}

function findDatePublished(value: unknown, depth: number): string | undefined {
  // Real JSON-LD nests a few levels; the bound keeps a hostile page from making this walk long.
  if (depth > 8 || value === null || typeof value !== 'object') return undefined;
  const children: unknown[] = Array.isArray(value) ? value : [];
  if (!Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (typeof record.datePublished === 'string') return record.datePublished;
    children.push(record['@graph'], record.mainEntity, record.mainEntityOfPage);
  }
  for (const child of children) {
    const found = findDatePublished(child, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
