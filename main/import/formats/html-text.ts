// Untrusted HTML to plain text. DOMPurify first removes everything active or remote (scripts,
// handlers, frames, media, forms, SVG, every attribute); a walk over the clean tree then turns
// blocks into paragraphs and lines, collapses whitespace, and notes where each heading starts.
import createDOMPurify, { type Config, type DOMPurify, type WindowLike } from 'dompurify';
import { JSDOM, VirtualConsole } from 'jsdom';
import { finishPlainText, type PlainText, type RawHeading } from './plain-text.ts';

/**
 * Removed on top of DOMPurify's own allowlist of harmless HTML: everything that runs, loads,
 * embeds or submits, and SVG and MathML whole. Controls and fallbacks lose their text too.
 * (A narrower ALLOWED_TAGS list would be tighter still, but makes DOMPurify several times slower.)
 */
const FORBIDDEN_TAGS = [
  'script',
  'noscript',
  'style',
  'template',
  'iframe',
  'frame',
  'frameset',
  'portal',
  'fencedframe',
  'object',
  'embed',
  'applet',
  'param',
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'datalist',
  'textarea',
  'output',
  'progress',
  'meter',
  'link',
  'meta',
  'base',
  'title',
  'img',
  'picture',
  'source',
  'video',
  'audio',
  'track',
  'map',
  'area',
  'canvas',
  'svg',
  'math',
];

const SANITIZE_CONFIG = {
  FORBID_TAGS: FORBIDDEN_TAGS,
  // Text needs no attributes; with none allowed, no on* handler, style, or javascript:/data:/vbscript: URL survives.
  ALLOWED_ATTR: [],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  KEEP_CONTENT: true,
  // The text of these is controls and fallbacks, not prose.
  ADD_FORBID_CONTENTS: [
    'select',
    'option',
    'datalist',
    'textarea',
    'button',
    'output',
    'progress',
    'meter',
    'object',
    'embed',
    'applet',
    'canvas',
    'picture',
    'map',
  ],
  // Parse in body context: otherwise a leading <noscript> or <style> is parsed as part of <head>,
  // and the head parser moves text out of a <noscript> into the body.
  FORCE_BODY: true,
  RETURN_DOM: true,
} satisfies Config;

let purifier: DOMPurify | undefined;

/** One DOMPurify for every page: each call parses its input into a fresh inert document, so the window keeps no page state. */
function sharedPurifier(): DOMPurify {
  purifier ??= createDOMPurify(new JSDOM('', { virtualConsole: new VirtualConsole() }).window as unknown as WindowLike);
  return purifier;
}

/** Sanitizes `html` and converts what is left to plain text with its headings. */
export function htmlToText(html: string): PlainText {
  const body = sharedPurifier().sanitize(html, SANITIZE_CONFIG);
  return toPlainText(body);
}

const PARAGRAPH = 2;
const LINE = 1;

/** Block elements and the break they make: a blank line between paragraphs, a newline between lines. */
const BLOCK_BREAKS: ReadonlyMap<string, number> = new Map([
  ...[
    'address',
    'article',
    'aside',
    'blockquote',
    'center',
    'details',
    'div',
    'dl',
    'figure',
    'figcaption',
    'footer',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'header',
    'hgroup',
    'hr',
    'main',
    'nav',
    'ol',
    'p',
    'pre',
    'section',
    'summary',
    'table',
    'caption',
    'ul',
  ].map((tag) => [tag, PARAGRAPH] as const),
  ...['li', 'dt', 'dd', 'tr'].map((tag) => [tag, LINE] as const),
]);

const HEADING = /^h([1-6])$/;
/** HTML's whitespace, plus no-break space, which pages use for layout rather than meaning. */
const SPACES = /[\t\n\f\r \u00a0]+/g;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

function toPlainText(root: Node): PlainText {
  const out = new TextOut();
  const headings: RawHeading[] = [];
  let openHeading: { level: number; start: number; element: Node } | undefined;
  let listItems = 0;
  let pres = 0;

  // Inside a list item every block is a line, so nested lists and paragraphs stay in the item.
  const breakOf = (tag: string) => {
    const block = BLOCK_BREAKS.get(tag);
    return block === undefined ? 0 : listItems > 0 && tag !== 'li' ? LINE : block;
  };
  const enter = (element: Element) => {
    const tag = element.localName;
    out.requestBreak(breakOf(tag));
    if (tag === 'br') out.lineBreak();
    else if (tag === 'li') listItems++;
    else if (tag === 'pre') pres++;
    const level = HEADING.exec(tag)?.[1];
    if (level !== undefined && openHeading === undefined) openHeading = { level: Number(level), start: -1, element };
  };
  const leave = (element: Element) => {
    const tag = element.localName;
    if (tag === 'li') listItems--;
    else if (tag === 'pre') {
      pres--;
      out.trimEnd();
    } else if (tag === 'td' || tag === 'th') out.space();
    if (openHeading?.element === element) {
      if (openHeading.start >= 0) headings.push({ level: openHeading.level, start: openHeading.start, end: out.length });
      openHeading = undefined;
    }
    out.requestBreak(breakOf(tag));
  };

  // A loop over firstChild / nextSibling / parentNode rather than recursion, which a hostile page
  // could nest past the call stack, and rather than childNodes lists, which jsdom makes slowly.
  let node: Node | null = root.firstChild;
  while (node !== null) {
    if (node.nodeType === TEXT_NODE) {
      const start = out.text(node.nodeValue ?? '', pres > 0);
      if (openHeading !== undefined && openHeading.start < 0 && start >= 0) openHeading.start = start;
    } else if (node.nodeType === ELEMENT_NODE) {
      enter(node as Element);
      const child = node.firstChild;
      if (child !== null) {
        node = child;
        continue;
      }
      leave(node as Element);
    }
    // Climb until a next sibling, leaving every element on the way up.
    while (node !== null && node !== root && node.nextSibling === null) {
      node = node.parentNode;
      if (node !== null && node !== root) leave(node as Element);
    }
    node = node === null || node === root ? null : node.nextSibling;
  }

  // Paragraphs are separated by a blank line, and there is no outer whitespace.
  return finishPlainText(out.toString(), headings);
}

/** The text being built: breaks and spaces are held back until the next text, so none dangle at the ends. */
class TextOut {
  private out = '';
  private pendingBreak = 0;
  private pendingSpace = false;

  get length(): number {
    return this.out.length;
  }

  requestBreak(strength: number): void {
    if (strength > this.pendingBreak) this.pendingBreak = strength;
  }

  /** A <br>; two in a row make a paragraph break, as pages use them. */
  lineBreak(): void {
    this.pendingBreak = this.pendingBreak >= LINE ? PARAGRAPH : LINE;
  }

  space(): void {
    this.pendingSpace = true;
  }

  trimEnd(): void {
    this.out = this.out.trimEnd();
  }

  /** Appends a text node's content; returns where its first character landed, or -1 if it added none. */
  text(value: string, preformatted: boolean): number {
    let content = preformatted ? value : value.replace(SPACES, ' ');
    if (!preformatted) {
      if (content.startsWith(' ')) this.pendingSpace = true;
      content = content.trim();
    }
    if (content === '') return -1;
    if (this.out !== '') {
      if (this.pendingBreak > 0) this.out += this.pendingBreak === PARAGRAPH ? '\n\n' : '\n';
      else if (this.pendingSpace && !this.out.endsWith('\n')) this.out += ' ';
    }
    this.pendingBreak = 0;
    this.pendingSpace = !preformatted && value.length > 0 && SPACES_AT_END.test(value);
    const start = this.out.length;
    this.out += content;
    return start;
  }

  toString(): string {
    return this.out;
  }
}

const SPACES_AT_END = /[\t\n\f\r \u00a0]$/;
