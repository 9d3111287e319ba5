// Words for the Edit menu's undo and redo labels, shared by the service's methods.

/**
 * A statement or title for a label, quoted and short: `Create claim "Water use fell 12%…"`.
 * Quoted, so a claim's label reads apart from an annotation's ("Delete claim" alone would not say
 * which kind); cut at a word boundary when there is one.
 */
export function quoted(text: string): string {
  const characters = [...text];
  if (characters.length <= 40) return `"${text}"`;
  const cut = characters.slice(0, 40).join('');
  return `"${cut.replace(/\s+\S*$/u, '') || cut}…"`;
}
