// Which commands the palette shows for what was typed, best first: as in VS Code, the words typed
// may be the starts of words of the title ("imp bun" → "Import bundle…"), a part of it, or its
// letters in order.

export interface PaletteEntry {
  readonly id: string;
  readonly title: string;
}

/** How well `query` matches `title` (higher is better), or undefined when it does not. */
export function paletteScore(title: string, query: string): number | undefined {
  const wanted = fold(query).trim();
  if (wanted === '') return 0;
  const text = fold(title);
  if (text.startsWith(wanted)) return 4;
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const parts = wanted.split(/\s+/);
  if (parts.every((part) => words.some((word) => word.startsWith(part)))) return 3;
  if (text.includes(wanted)) return 2;
  let at = 0;
  for (const character of wanted.replace(/\s+/g, '')) {
    at = text.indexOf(character, at);
    if (at < 0) return undefined;
    at++;
  }
  return 1;
}

/** The entries that match `query`, best first; equally good ones keep their order. */
export function filterPalette<T extends PaletteEntry>(entries: readonly T[], query: string): T[] {
  return entries
    .map((entry, index) => ({ entry, index, score: paletteScore(entry.title, query) }))
    .filter((scored): scored is { entry: T; index: number; score: number } => scored.score !== undefined)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ entry }) => entry);
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}
