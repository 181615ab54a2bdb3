import type { Page } from 'playwright-core';

/** Opens a page and waits until its scripts have loaded (no request for 500 ms), so forms are hydrated before they are filled. */
export async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
}
