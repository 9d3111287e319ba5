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
