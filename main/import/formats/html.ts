// Saved web pages: the main article (Mozilla Readability), sanitized (html-text.ts) and turned into
// plain text with its headings, plus what the page says about itself (html-metadata.ts).
// The page is untrusted: jsdom parses it with scripts off and no resource loading, so nothing in
// it runs and nothing is fetched, and its URL is only ever used to resolve links.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { fail, ok, type Result } from '../../../core/result.ts';
import type { Extractor } from '../extract-types.ts';
import { decodeText, type DecodeFailure } from './decode-text.ts';
import { cleanAuthor, cleanText, languageTag, readPageMetadata } from './html-metadata.ts';
import { htmlToText } from './html-text.ts';
import type { PlainText } from './plain-text.ts';

/** The HTML standard looks for <meta charset> in the first 1024 bytes. */
const CHARSET_SNIFF_BYTES = 1024;

export const extractHtml: Extractor = async ({ bytes, signal }) => {
  // jsdom holds its nodes through WeakRefs, which V8 frees only once the event loop turns: a caller
  // looping over pages already in memory would otherwise keep every page's DOM (~2 MB each).
  await nextTurn();
  if (signal?.aborted) return cancelled();
  const decoded = decodeHtml(bytes);
  if (!decoded.ok) return decoded;

  // Defaults that matter: no `runScripts` (neither <script> nor on* attributes run) and no
  // `resources` (no script, stylesheet, image or frame is loaded).
  const dom = new JSDOM(decoded.value, { url: 'about:blank', virtualConsole: new VirtualConsole() });
  try {
    const { document } = dom.window;
    const page = readPageMetadata(document);
    const pageHeadings = topHeadings(document);
    // Set after parsing because the canonical URL is read from the page; it only resolves links.
    if (page.sourceUrl !== undefined) dom.reconfigure({ url: page.sourceUrl });

    // Readability rewrites the document it is given. All else needed from the page is read above
    // and the fallback works from the source, so it gets the page itself: a clone costs a fifth of the time.
    const article = new Readability(document).parse();
    if (signal?.aborted) return cancelled();

    const fromArticle = article?.content ? withHeadline(htmlToText(article.content), article.title, pageHeadings) : undefined;
    const body = fromArticle !== undefined && !tooShort(fromArticle) ? fromArticle : wholePage(decoded.value, fromArticle);
    if (body.text === '') return fail('empty', 'the page has no text');

    return ok({
      format: 'html',
      text: body.text,
      headings: body.headings,
      title: cleanText(article?.title, 1000) ?? page.title,
      author: cleanAuthor(article?.byline) ?? page.author,
      outlet: cleanText(article?.siteName, 500) ?? page.outlet,
      publishedAt: page.publishedAt,
      sourceUrl: page.sourceUrl,
      language: page.language ?? languageTag(article?.lang),
    });
  } finally {
    dom.window.close();
  }
};

/** Below Readability's own threshold for an article, it has only guessed at one. */
const ARTICLE_MIN_CHARS = 500;

function tooShort(article: PlainText): boolean {
  return article.text.length < ARTICLE_MIN_CHARS;
}

/**
 * The text of the whole page, used when Readability found no article. When its guess is short
 * but holds at least half the page's text, the guess is kept: it is the page without its menus.
 * Far less than that (a menu's "Home" from a page of prose in an <aside>) is a wrong guess.
 */
function wholePage(html: string, guess: PlainText | undefined): PlainText {
  const page = htmlToText(html);
  return guess !== undefined && guess.text.length * 2 >= page.text.length ? guess : page;
}

interface PageHeading {
  readonly level: number;
  readonly text: string;
}

/** The page's <h1> and <h2> texts, read before Readability renames and removes them. */
function topHeadings(document: Document): PageHeading[] {
  return [...document.querySelectorAll('h1, h2')].map((element) => ({
    level: element.localName === 'h1' ? 1 : 2,
    text: cleanText(element.textContent, 1000) ?? '',
  }));
}

/**
 * Readability shows the headline apart from the article: it drops the <h1> or <h2> that repeats
 * the title and turns every other <h1> into <h2>. Analysts quote headlines too, so the page's own
 * headline goes back in front, and headings that were <h1> in the page get level 1 again.
 */
function withHeadline(body: PlainText, title: string | null | undefined, pageHeadings: readonly PageHeading[]): PlainText {
  const wasH1 = new Set(pageHeadings.filter((heading) => heading.level === 1).map((heading) => heading.text));
  const headings = body.headings.map((heading) => (heading.level === 2 && wasH1.has(heading.text) ? { ...heading, level: 1 } : heading));

  const wanted = cleanText(title, 1000);
  const headline = wanted === undefined ? undefined : pageHeadings.find(({ text }) => sameHeadline(text, wanted));
  if (headline === undefined || headings.some((heading) => heading.text === headline.text)) return { text: body.text, headings };
  const shift = headline.text.length + 2;
  return {
    text: `${headline.text}\n\n${body.text}`,
    headings: [{ ...headline, start: 0 }, ...headings.map((heading) => ({ ...heading, start: heading.start + shift }))],
  };
}

/** Whether a heading and a title name the same story: one contains the other, and is not much longer. */
function sameHeadline(heading: string, title: string): boolean {
  const [shorter, longer] = heading.length <= title.length ? [heading, title] : [title, heading];
  return shorter !== '' && shorter.length * 2 >= longer.length && longer.toLowerCase().includes(shorter.toLowerCase());
}

/**
 * The page as a string: a BOM decides, then a <meta charset> in the first 1024 bytes, then UTF-8.
 * UTF-8 and UTF-16 are decoded strictly (decode-text.ts); a declared legacy encoding
 * (windows-1252, Shift_JIS …) is honoured as browsers do.
 */
export function decodeHtml(bytes: Uint8Array): Result<string, DecodeFailure> {
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  const declared = hasBom ? undefined : declaredEncoding(bytes);
  if (declared === undefined) return decodeText(bytes);
  try {
    return ok(new TextDecoder(declared, { fatal: true }).decode(bytes));
  } catch {
    return fail('invalid-encoding', `not valid ${declared} text, as the page declares`);
  }
}

/** A legacy encoding named by <meta charset> or <meta http-equiv=Content-Type>; undefined for UTF-8, UTF-16 and unknown labels. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, CHARSET_SNIFF_BYTES));
  const label = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  if (label === undefined) return undefined;
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
  // A UTF-16 label readable as ASCII is wrong by definition; the HTML standard reads such pages as UTF-8.
  return encoding === 'utf-8' || encoding.startsWith('utf-16') ? undefined : encoding;
}

function cancelled() {
  return fail('cancelled', 'the import was cancelled');
}
