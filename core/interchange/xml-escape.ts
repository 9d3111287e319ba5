// Escaping text for the XML that the REFI-QDA writers (.qdc codebooks, .qdpx projects) produce: the
// one list of characters XML 1.0 cannot carry, and the one escape of text and attribute values.

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Characters that XML 1.0 cannot carry at all, not even as character references (lone surrogates too). */
export const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Element text, with `NOT_XML` characters already dealt with. A CR would be read back as LF (XML normalizes line ends), so it goes as a reference. */
export function escapeXmlText(value: string): string {
  return value.replace(/[&<>\r]/g, (char) => ESCAPES[char]!);
}

/** An attribute value, with `NOT_XML` characters already dealt with. Tabs and line breaks would be read back as spaces. */
export function escapeXmlAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (char) => ESCAPES[char]!);
}
