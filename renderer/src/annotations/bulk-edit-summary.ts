// What the status bar says after the panel's bulk bar changed several annotations at once (pure,
// so each outcome is tested without a browser).
import type { BulkAnnotationPatch } from '../../../core/annotations/bulk-edit.ts';
import { countOf } from '../ui/format.ts';

interface SummaryNames {
  readonly tagName: (id: string) => string;
  readonly statusLabel: (id: string) => string;
}

/**
 * One line: how many annotations changed and what was set on them.
 * @example
 * describeBulkEdit({ status: 'refuted', addTags: ['opinion'] }, 3, 3, names)
 * // "Edited 3 annotations: status Refuted, tag Opinion added. Ctrl+Z undoes it."
 */
export function describeBulkEdit(patch: BulkAnnotationPatch, selected: number, changed: number, names: SummaryNames): string {
  if (changed === 0)
    return selected === 1 ? 'No change: the annotation already had that.' : `No change: the ${selected} annotations already had that.`;
  const what = [
    patch.status !== undefined ? `status ${names.statusLabel(patch.status)}` : '',
    patch.speaker !== undefined ? (patch.speaker === '' ? 'speaker removed' : `speaker ${patch.speaker}`) : '',
    patch.outlet !== undefined ? `outlet ${patch.outlet}` : '',
    ...(patch.addTags ?? []).map((tag) => `tag ${names.tagName(tag)} added`),
    ...(patch.removeTags ?? []).map((tag) => `tag ${names.tagName(tag)} removed`),
  ].filter(Boolean);
  const others = changed < selected ? ` (${selected - changed} already had that)` : '';
  return `Edited ${countOf(changed, 'annotation')}${others}: ${what.join(', ')}. Ctrl+Z undoes it.`;
}
