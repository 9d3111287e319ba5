// What the banner says after a W3C / Hypothesis annotation file was put on a document (pure, so
// each kind of outcome is tested without a browser).
import type { AnnotationFileOutcome } from '../../../core/contract/workbench-api.ts';
import { countOf, shorten } from '../ui/format.ts';

/**
 * One sentence: how many were added, then only the kinds of outcome that happened.
 * @example
 * describeAnnotationFileOutcome('notes.json', { added: 2, fuzzy: 1, … })
 * // "2 annotations added from notes.json; 1 found by approximate match (see Review). Ctrl+Z undoes it."
 */
export function describeAnnotationFileOutcome(fileName: string, outcome: AnnotationFileOutcome): string {
  const { added, fuzzy, duplicates, notFound, invalid, skipped, elsewhere, newTags } = outcome;
  const parts = [
    `${countOf(added, 'annotation')} added from ${fileName}`,
    fuzzy > 0 ? `${fuzzy} found by approximate match (see Review)` : '',
    duplicates > 0 ? `${duplicates} already here` : '',
    elsewhere > 0 ? `${elsewhere} left out as made on another document` : '',
    notFound.length > 0
      ? `${notFound.length} not found in this text (${notFound
          .slice(0, 2)
          .map(({ quote }) => `“${shorten(quote, 40)}”`)
          .join(', ')}${notFound.length > 2 ? ' …' : ''})`
      : '',
    skipped.length > 0 ? `${countOf(skipped.length, 'item')} skipped (page notes, replies or links between annotations)` : '',
    invalid.length > 0 ? `${invalid.length} unreadable (${invalid[0]!.reason.replace(/\.$/, '')})` : '',
    newTags.length > 0 ? `new tags: ${newTags.join(', ')}` : '',
  ].filter(Boolean);
  return `${parts.join('; ')}.${added > 0 ? ' Ctrl+Z undoes it.' : ''}`;
}
