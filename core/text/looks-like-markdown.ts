// Whether pasted text looks like Markdown, so the paste dialog offers to convert it to plain text
// (its default then). Only marks that plain text rarely has count: a heading (`## `), strong
// emphasis, a link, code (inline or fenced) or a table. A list or a `>` quote alone does not: plain
// text uses them too, and converting keeps a list's lines anyway.

const MARKS: readonly RegExp[] = [
  /^ {0,3}#{1,6}[ \t]+\S/m,
  /(\*\*|__)(?=\S)[^\n]*?\S\1/,
  /\[[^\]\n]+\]\([^()\s]+(?:[ \t]+"[^"\n]*")?\)/,
  /^ {0,3}(```|~~~)/m,
  /`[^`\n]+`/,
  /^[ \t]*\|.*\|[ \t]*\n[ \t]*\|?[ \t]*:?-{3,}/m,
];

/**
 * Whether `text` has a mark of Markdown that plain text rarely has.
 * @example looksLikeMarkdown('**Zelensky:** We will not give up.') // true
 * @example looksLikeMarkdown('Mayor: - water, - power') // false
 */
export function looksLikeMarkdown(text: string): boolean {
  return MARKS.some((mark) => mark.test(text));
}
