// One CSS class per codebook tag, so a highlight's colour follows its tag (recolouring a tag
// recolours every highlight). Injected as a <style> element; the CSP allows inline styles.
import type { Tag } from '../../../core/model/codebook.ts';

export function tagClassName(tagId: string | undefined): string {
  return tagId === undefined ? 'cb-hl cb-hl-untagged' : `cb-hl cb-hl-tag-${tagId}`;
}

/** Outer highlights tint the background; nested ones add an underline, so both stay visible. */
export function highlightCss(tags: readonly Tag[]): string {
  return tags
    .map(
      ({ id, color }) =>
        `.cb-hl-tag-${id}{background-color:${color}33;border-bottom:2px solid ${color}}` +
        `.cb-hl-tag-${id}.cb-hl-nested{background-color:${color}40;text-decoration:underline 3px ${color};text-underline-offset:5px}`,
    )
    .join('\n');
}

let styleElement: HTMLStyleElement | undefined;

export function installHighlightStyles(tags: readonly Tag[]): void {
  styleElement ??= document.head.appendChild(document.createElement('style'));
  styleElement.dataset.claimbench = 'highlights';
  styleElement.textContent = highlightCss(tags);
}
