// Text folded for comparing words: what the quote comparison, the claims view's filter and the
// quote-convention checks agree to ignore (case, compatibility forms, curly quotes, kinds of dash).

/**
 * Text folded for comparison: NFKC (full-width letters and digits, ligatures, "…" become plain),
 * lowercase, curly quotes and apostrophes to ASCII, every dash and the minus sign to "-", emoji
 * variation selectors removed.
 * @example foldText('“Don’t” — ５０％') === '"don\'t" - 50%'
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/gu, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/gu, '"')
    .replace(/[\p{Pd}\u2212]/gu, '-')
    .replace(/[\ufe0e\ufe0f]/gu, '');
}
