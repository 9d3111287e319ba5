// HTML escaping for report.html: the one escape for its text and its attribute values.

/**
 * Escapes text for HTML content and double- or single-quoted attribute values. The explicit
 * directional formatting characters (U+202A–U+202E, U+2066–U+2069) become their code points in
 * brackets, as the reader shows them: left in, one in a quote, a title or a note reverses what
 * follows it on screen ("Trojan Source": `\u202Eeslaf` reads as "false"), and the report would
 * say something else than the reader.
 */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"'\u202a-\u202e\u2066-\u2069]/g,
    (character) => ESCAPES[character] ?? `[U+${character.charCodeAt(0).toString(16).toUpperCase()}]`,
  );
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
