// Markdown as plain text: what a reader of the rendered page sees, written as lines. It keeps
// the source's lines and the blank lines between its blocks; headings and paragraphs are lines,
// list items lines with their marker (`- `, `3. `), table rows lines with ` | ` between cells,
// links their text with the address after it in parentheses when the two differ, images their
// description, code its text; the markers of emphasis, headings, quotes and fences are dropped.
// Raw HTML is not markup here: `<b>` stays the three characters and a letter it is.
import type { Token } from 'markdown-it';
import type { Heading } from '../extract-types.ts';
import { markdownParser, parseSections, SECTION_CHARACTERS } from './markdown-parse.ts';
import { finishPlainText, type PlainText, type RawHeading } from './plain-text.ts';

/** Tokens that start a line of their own (a leaf block), with a break before them. Table rows are counted apart. */
const LEAVES = new Set(['paragraph_open', 'heading_open', 'fence', 'code_block']);

/**
 * The plain text of a Markdown source, and where its headings are in it; `undefined` when its
 * blocks nest too deep to read whole (a hostile file: keep the source).
 * @example markdownToText('# A *big* day\n\nSee [the map](https://example.org/map).')?.text
 * // 'A big day\n\nSee the map (https://example.org/map).'
 */
export function markdownToText(source: string, sectionCharacters = SECTION_CHARACTERS): PlainText | undefined {
  const out = new LineWriter();
  const headings: RawHeading[] = [];
  const whole = parseSections(source, ({ tokens, firstLine }) => writeBlocks(out, tokens, firstLine, headings), sectionCharacters);
  return whole ? finishPlainText(out.toString(), headings) : undefined;
}

function writeBlocks(out: LineWriter, tokens: readonly Token[], firstLine: number, headings: RawHeading[]): void {
  let heading: { level: number; start: number } | undefined;
  let rows = 0;
  let cells = 0;
  const lines = (map: [number, number]): [number, number] => [map[0] + firstLine, map[1] + firstLine];
  for (const token of tokens) {
    const opensBlock = token.nesting === 1 || token.type === 'fence' || token.type === 'code_block';
    if (token.map && opensBlock && token.type !== 'tr_open') out.noteBlock(lines(token.map), LEAVES.has(token.type));
    switch (token.type) {
      case 'heading_open': {
        const open = { level: Number(token.tag.slice(1)), start: -1 };
        heading = open;
        out.onFirstText = (start) => (open.start = start);
        break;
      }
      case 'heading_close':
        if (heading && heading.start >= 0) headings.push({ level: heading.level, start: heading.start, end: out.length });
        heading = undefined;
        out.onFirstText = undefined;
        break;
      case 'inline':
        writeInline(out, token.children ?? []);
        break;
      case 'fence':
      case 'code_block':
        for (const [index, line] of token.content.replace(/\n+$/, '').split('\n').entries()) {
          if (index > 0) out.lineBreak();
          out.write(line);
        }
        break;
      case 'list_item_open':
        out.openItem(token.markup === '.' || token.markup === ')' ? `${token.info}${token.markup} ` : '- ', token.map && lines(token.map));
        break;
      case 'list_item_close':
        out.closeItem();
        break;
      case 'table_open':
        rows = 0;
        break;
      case 'tr_open':
        // A row is a line; the table's first row is a block, the others follow it line by line.
        if (token.map) out.noteBlock(lines(token.map), true, rows++ > 0);
        cells = 0;
        break;
      case 'th_open':
      case 'td_open':
        if (cells++ > 0) out.write(' | ');
        break;
    }
  }
}

/**
 * The headings of a Markdown source kept as it is: their level, their text as written (the
 * first line of a setext heading), and where it starts in `source`.
 */
export function markdownHeadings(source: string): Heading[] {
  const headings: Heading[] = [];
  const lineStarts = [0];
  for (let index = source.indexOf('\n'); index >= 0; index = source.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  parseSections(source, ({ tokens, firstLine }) => {
    for (const [index, token] of tokens.entries()) {
      const content = tokens[index + 1]?.content.split('\n')[0]?.trim();
      if (token.type !== 'heading_open' || !token.map || !content) continue;
      const lineStart = lineStarts[token.map[0] + firstLine]!;
      // Past the `#`s of an ATX heading, so that a heading whose text is "#" is not found in its marker.
      const from = token.markup.startsWith('#') ? source.indexOf(token.markup, lineStart) + token.markup.length : lineStart;
      const start = source.indexOf(content, from);
      if (start >= 0) headings.push({ level: Number(token.tag.slice(1)), text: content, start });
    }
  });
  return headings;
}

/** The plain text of a line of Markdown (a heading's source, for a title): emphasis, code and link markers dropped. */
export function markdownInlineText(source: string): string {
  const out = new LineWriter();
  for (const token of markdownParser.parseInline(source, {})) writeInline(out, token.children ?? []);
  return out.toString().trim();
}

function writeInline(out: LineWriter, tokens: readonly Token[]): void {
  // The text of each open link, to compare with its address (kept apart: slicing the text being
  // built would copy all of it at every link).
  const links: { href: string; label: string }[] = [];
  const write = (text: string) => {
    out.write(text);
    for (const link of links) link.label += text;
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'softbreak':
      case 'hardbreak':
        out.lineBreak();
        for (const link of links) link.label += '\n';
        break;
      case 'link_open':
        links.push({ href: String(token.attrGet('href') ?? ''), label: '' });
        break;
      case 'link_close': {
        const link = links.pop();
        if (link === undefined) break;
        if (link.label.trim() === '') write(link.href);
        else if (showsAddress(link.href, link.label)) write(` (${link.href})`);
        break;
      }
      case 'image':
        // Its description (the alt text), as a reader without the picture gets it.
        for (const child of token.children ?? []) if (child.content !== '') write(child.content);
        break;
      default:
        // text, code_inline; emphasis, strong and strikethrough markers have no content.
        if (token.content !== '') write(token.content);
    }
  }
}

/** Whether a link's address adds anything to its text: not when it is the same (an autolink) or a place in the page. */
function showsAddress(href: string, label: string): boolean {
  return href !== '' && !href.startsWith('#') && href !== label && href !== `mailto:${label}`;
}

/**
 * The text being written: a block's break (a blank line where the source has one, else a
 * newline) is held back until its first text, so that empty blocks leave nothing, and every
 * line starts with the indentation of the list items it is in (their marker on an item's first).
 */
class LineWriter {
  private out = '';
  private readonly items: { indent: string; marker?: string; map: [number, number] | null }[] = [];
  /** The source line of the block whose text comes next. */
  private blockLine: number | undefined;
  /** The source line after the last block written, and after the one about to be. */
  private lastEnd: number | undefined;
  private leafEnd: number | undefined;
  /** The break before the next text, when a block has started and written nothing yet. */
  private pendingBreak: string | undefined;
  /** Told where the next text starts (a heading's). */
  onFirstText: ((start: number) => void) | undefined;

  get length(): number {
    return this.out.length;
  }

  /** A block starts at `map` (source lines `[start, end)`); a leaf's text comes next, on a line of its own. */
  noteBlock([start, end]: [number, number], leaf: boolean, sameBlock = false): void {
    this.blockLine ??= start;
    if (!leaf) return;
    if (this.out === '') this.pendingBreak = '';
    else if (sameBlock) this.pendingBreak = '\n';
    else this.pendingBreak = this.lastEnd !== undefined && this.blockLine > this.lastEnd ? '\n\n' : '\n';
    this.blockLine = undefined;
    this.leafEnd = end;
  }

  openItem(marker: string, map: [number, number] | null): void {
    this.items.push({ indent: ' '.repeat(marker.length), marker, map });
  }

  closeItem(): void {
    const item = this.items.at(-1);
    // An empty item is still a line: its marker.
    if (item?.marker !== undefined && item.map) {
      this.noteBlock(item.map, true);
      this.write(' ');
      this.out = this.out.replace(/ +$/, '');
    }
    this.items.pop();
  }

  write(text: string): void {
    if (text === '') return;
    if (this.pendingBreak !== undefined) {
      this.out += this.pendingBreak + this.prefix();
      this.pendingBreak = undefined;
      this.lastEnd = this.leafEnd;
    }
    if (this.onFirstText) {
      this.onFirstText(this.out.length);
      this.onFirstText = undefined;
    }
    this.out += text;
  }

  /** A line break inside a block (a soft or hard break, a line of code). */
  lineBreak(): void {
    if (this.pendingBreak === undefined) this.out += `\n${this.prefix()}`;
  }

  toString(): string {
    return this.out;
  }

  private prefix(): string {
    let prefix = '';
    for (const item of this.items) {
      prefix += item.marker ?? item.indent;
      item.marker = undefined;
    }
    return prefix;
  }
}
