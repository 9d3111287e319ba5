// The reporting source of a passage: "CNN reports:", "The Post adds:", "Reuters adds: …", "The BBC
// reports that …" at the start of a paragraph (after a live blog's timestamp). The outlet holds
// for that paragraph; statements in it carry it as their outlet.
import { KNOWN_OUTLETS, OUTLET_VERBS } from '../lexicon.ts';
import type { RuleContext } from '../context.ts';

const TIMESTAMP = /^\s*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?[—–-]\s*)?/u;
const OUTLET_LEAD = /^((?:The\s+)?(?:\p{Lu}[\p{L}.&'-]*)(?:\s+\p{Lu}[\p{L}.&'-]*){0,4})\s+(\p{Ll}+)(?=\s*:|\s+that\b)/u;

/** The outlet named at the start of the paragraph, if any ("The Guardian"). */
export function outletOfParagraph(context: RuleContext): string | undefined {
  const text = context.paragraph.text;
  // The lead ends in a colon or "that": a paragraph with neither is not worth the regex.
  if (!text.includes(':') && !text.includes('that')) return undefined;
  const rest = text.slice(TIMESTAMP.exec(text)![0].length);
  const match = OUTLET_LEAD.exec(rest);
  if (match === null || !OUTLET_VERBS.has(match[2]!)) return undefined;
  const name = match[1]!;
  const withColon = rest.slice(match[0].length).trimStart().startsWith(':');
  // "The Post adds:" is an outlet by its form; "Emergency services report that" is not one.
  const lower = name.toLowerCase();
  const known = KNOWN_OUTLETS.has(lower) || KNOWN_OUTLETS.has(`the ${lower}`) || KNOWN_OUTLETS.has(lower.replace(/^the\s+/u, ''));
  return known || (withColon && /^The\s/u.test(name)) ? name : undefined;
}
