// Markdown parsed with markdown-it (CommonMark, plus GFM tables and strikethrough), a section at a
// time: markdown-it's tokens take about 65 bytes per byte of source, so a large file is cut into
// sections of about a megabyte, at places where no block can go on across the cut, and each is
// parsed and let go before the next. Link reference definitions are collected from the whole
// file first, so a link finds its definition in any section.
import MarkdownIt, { type Env, type Token } from 'markdown-it';

/** markdown-it stops nesting blocks this deep (its default), so a hostile file cannot nest past the call stack; the text past it is dropped. */
const MAX_NESTING = 100;

// `html: false`: tags are text, nothing becomes markup. Links and images keep their address as
// written (not percent-encoded, `javascript:` too: it is printed, never followed).
export const markdownParser = new MarkdownIt('default', { html: false, linkify: false, typographer: false, maxNesting: MAX_NESTING });
markdownParser.normalizeLink = (url) => url;
markdownParser.validateLink = () => true;

/** About how many characters of source are parsed at a time. */
export const SECTION_CHARACTERS = 1 << 20;

/** The tokens of one section, and the source line it starts at. */
export interface ParsedSection {
  readonly tokens: readonly Token[];
  readonly firstLine: number;
}

/**
 * Hands `visit` the tokens of `source`, a section at a time; false when blocks nest so deep that
 * markdown-it dropped text (then the source is best kept as it is).
 */
export function parseSections(source: string, visit: (section: ParsedSection) => void, sectionCharacters = SECTION_CHARACTERS): boolean {
  const sections = splitSections(source, sectionCharacters);
  const env: Env = {};
  // A definition has a "]:" (`[label]: address`); without one there is nothing to collect.
  if (sections.length > 1 && source.includes(']:'))
    for (const { text } of sections) markdownParser.block.parse(text, markdownParser, env, []);
  for (const { text, firstLine } of sections) {
    const tokens = markdownParser.parse(text, env);
    // A block at the limit may have lost what it held (markdown-it skips the rest of it).
    if (tokens.some((token) => token.level >= MAX_NESTING - 1)) return false;
    visit({ tokens, firstLine });
  }
  return true;
}

/**
 * `source` cut into sections of at least `size` characters (the last may be shorter), each
 * starting at a line that follows a blank line and starts with neither a space nor a tab,
 * outside a fenced code block: there every open block ends (a paragraph, a list, a quote, a
 * table, indented code), so each section parses as it would in the whole.
 */
export function splitSections(source: string, size: number): { text: string; firstLine: number }[] {
  if (source.length <= size) return [{ text: source, firstLine: 0 }];
  const sections: { text: string; firstLine: number }[] = [];
  let sectionStart = 0;
  let sectionLine = 0;
  let line = 0;
  let fence: { char: string; length: number } | undefined;
  let previousBlank = false;
  for (let start = 0; start < source.length; line++) {
    const newline = source.indexOf('\n', start);
    const end = newline < 0 ? source.length : newline;
    const text = source.slice(start, end);
    if (fence === undefined && previousBlank && /^[^ \t\n]/.test(text) && start - sectionStart >= size) {
      sections.push({ text: source.slice(sectionStart, start), firstLine: sectionLine });
      sectionStart = start;
      sectionLine = line;
    }
    const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text);
    if (fence === undefined && marker && !(marker[1]![0] === '`' && marker[2]!.includes('`')))
      fence = { char: marker[1]![0]!, length: marker[1]!.length };
    else if (fence && marker && marker[1]![0] === fence.char && marker[1]!.length >= fence.length && marker[2]!.trim() === '')
      fence = undefined;
    previousBlank = text.trim() === '';
    start = end + 1;
  }
  sections.push({ text: source.slice(sectionStart), firstLine: sectionLine });
  return sections;
}
