// The little Markdown that analysts write in notes and rationales (paragraphs, line breaks, lists,
// **bold**, *italic*, `code`, [links](https://…)), as HTML for report.html. Safe by construction:
// the text is HTML-escaped first and only the markup below is added, so no tag, attribute or
// entity of the note itself survives. A link is printed as its text and address, not linked (the
// report links to nothing outside itself). Headings, tables, images and raw HTML stay as written.
import { escapeHtml } from './report-escape.ts';

/**
 * `markdown` as HTML: `<p>` per paragraph, `<ul>`/`<ol>` for list lines, inline emphasis, code and links.
 * @example markdownHtml('A **big** claim') // '<p>A <strong>big</strong> claim</p>'
 */
export function markdownHtml(markdown: string): string {
  const blocks = markdown.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  return blocks
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => block.trim() !== '')
    .map(blockHtml)
    .join('\n');
}

const BULLET = /^[ \t]*[-*+][ \t]+/;
const NUMBERED = /^[ \t]*\d{1,9}[.)][ \t]+/;

function blockHtml(block: string): string {
  const lines = block.split('\n');
  if (lines.every((line) => BULLET.test(line)))
    return list(
      'ul',
      lines.map((line) => line.replace(BULLET, '')),
    );
  if (lines.every((line) => NUMBERED.test(line)))
    return list(
      'ol',
      lines.map((line) => line.replace(NUMBERED, '')),
    );
  return `<p>${lines.map(inlineHtml).join('<br>\n')}</p>`;
}

function list(kind: 'ul' | 'ol', items: readonly string[]): string {
  return `<${kind}>${items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${kind}>`;
}

/** Code spans first (their content is taken literally), then links, then emphasis, in the escaped text. */
function inlineHtml(line: string): string {
  const parts = line.split(/(`[^`\n]+`)/);
  return parts.map((part, index) => (index % 2 === 1 ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : emphasis(links(part)))).join('');
}

/** `[text](url)` becomes the text and the address, printed; the rest is escaped text. */
function links(text: string): string {
  let html = '';
  let at = 0;
  for (const match of text.matchAll(/\[([^\]\n]+)\]\(([^()\s]+)\)/g)) {
    const [whole, label, url] = match;
    html += escapeHtml(text.slice(at, match.index));
    html += `${escapeHtml(label!)} (<span class="url">${escapeHtml(url!)}</span>)`;
    at = match.index + whole.length;
  }
  return html + escapeHtml(text.slice(at));
}

/** `**bold**` / `__bold__`, then `*italic*` / `_italic_`, on escaped text (no `<`, `>` or `"` left to confuse). */
function emphasis(html: string): string {
  return html
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '<strong>$2</strong>')
    .replace(/(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])/g, '<em>$1</em>')
    .replace(/(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])/g, '<em>$1</em>');
}
