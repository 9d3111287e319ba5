// The one text normalization, applied once at import: every stored offset refers to its output.

/**
 * Strips a leading byte-order mark, turns CRLF and lone CR into LF, and composes to NFC.
 * @example normalizeText('\uFEFFcafe\u0301\r\n') === 'café\n'
 */
export function normalizeText(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.replace(/\r\n?/g, '\n').normalize('NFC');
}
