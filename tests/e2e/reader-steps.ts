// Reader steps that several specs take.
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });

/**
 * Double-clicks "VALMONT" (the first word of its line) until Monaco shows it selected: on a loaded
 * machine the two clicks can arrive too far apart to count as a double-click.
 */
export async function selectWord(page: Page): Promise<void> {
  await expect(async () => {
    await reader(page)
      .locator('.view-line span span')
      .filter({ hasText: /^VALMONT/ })
      .first()
      .dblclick({ position: { x: 12, y: 8 } });
    await expect(reader(page).locator('.selected-text')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
}

/**
 * Records every flash the page shows, by the pane (aria-label) it was shown in. A flash lasts a
 * moment (2.5 s after it is painted); on a loaded machine an assertion that starts after a slow
 * step can miss it, so specs that only need to know it happened ask this record instead.
 * Call before the step that flashes. Panes are named by their data-pane: "reader", "source".
 */
export async function recordFlashes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { pane: string; text: string }[] = [];
    (window as unknown as { __flashes: typeof seen }).__flashes = seen;
    const note = (element: Element) => {
      const pane = element.closest('[data-pane]')?.getAttribute('data-pane') ?? '';
      seen.push({ pane, text: element.textContent ?? '' });
    };
    new MutationObserver((mutations) => {
      for (const mutation of mutations)
        for (const node of mutation.addedNodes) {
          if (!(node instanceof Element)) continue;
          if (node.classList.contains('cb-flash')) note(node);
          for (const inner of node.querySelectorAll('.cb-flash')) note(inner);
        }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

/** The text of the flashes recorded in the pane `pane` ("reader", "source") since recordFlashes. */
export async function flashesIn(page: Page, pane: string): Promise<string> {
  return page.evaluate(
    (name) =>
      (window as unknown as { __flashes?: { pane: string; text: string }[] }).__flashes
        ?.filter((flash) => flash.pane === name)
        .map((flash) => flash.text)
        .join('') ?? '',
    pane,
  );
}
