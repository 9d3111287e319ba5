// What a highlight's hover may say in Markdown. Names (tags, statuses, speakers, outlets) are
// escaped, so they read as written; a note is the analyst's Markdown, rendered untrusted by Monaco
// (no HTML, no command or javascript: links), and here also without images: notes arrive in
// bundles and annotation files from strangers, and `![](https://…)` would make the hover fetch a
// URL of the note's choosing (a web beacon) on every hover, held back by the CSP alone.

/** `text` with every Markdown-significant character escaped: it renders as exactly these characters. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');
}

/**
 * A note's Markdown with its images turned into links (`![x](u)` → `!` and a link `x`): every
 * image, inline or by reference, starts with `![`, which is escaped outside code spans and fences.
 * @example noteMarkdown('see ![chart](https://example.org/c.png)') === 'see \\![chart](https://example.org/c.png)'
 */
export function noteMarkdown(note: string): string {
  return note.replace(/(`{3,}|~{3,})[\s\S]*?(?:\1|$)|(`+)[\s\S]*?\2|\\[\s\S]|!\[/g, (match) => (match === '![' ? '\\![' : match));
}
