import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '@rebound/engine';
import { engineInTempDir } from '@rebound/engine/testing';
import { listen } from './form-http';
import { launchChromium } from './launch-chromium';
import { openReady } from './browser-pages';

// The customer portal on a phone (a real browser, Debian's chromium, emulating a 390 px wide touch screen): customers
// mostly return things from their phones.
const artifacts = resolve(__dirname, '../../../test-artifacts');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
let engine: Engine;
let cleanup: () => Promise<void>;
let app: FastifyInstance;
let browser: Browser;
let phone: BrowserContext;
let base: string;
let tenantId: string;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  ({ engine, cleanup } = await engineInTempDir('rebound-phone-'));
  ({ tenant: { id: tenantId } } = await engine.tenants.createTenant({ name: 'Phone Boutique', currency: 'EUR' }));
  await engine.orders.createOrder(tenantId, {
    order_id: 'W-2025-004217',
    ordered_at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    customer: { id: 'c-42', email: 'kim@example.com' },
    lines: [
      { sku: 'DRESS-WRAP-FLORAL-MIDI-M', product_name: 'Wrap dress with floral print, midi length, organic cotton', category: 'apparel', quantity: 1, unit_price: 79 },
      { sku: 'SOCKS-3PK', product_name: 'Socks, three pairs', category: 'apparel', quantity: 3, unit_price: 9 },
      { sku: 'BELT-LEATHER-95', product_name: 'Leather belt 95 cm', category: 'apparel', quantity: 1, unit_price: 45 },
    ],
  });
  ({ app, base } = await listen(engine));
  browser = await launchChromium();
  phone = await browser.newContext(PHONE);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await cleanup?.();
});

/**
 * Checks a portal page fits the phone: nothing wider than the screen, fields at 16 px or more (smaller makes iOS
 * zoom in on focus) and tied to a label, submit buttons (and `extraTargets`) at least 44 px high to tap. Soft
 * assertions, so one run names every page's problems.
 */
async function expectFitsPhone(page: Page, name: string, extraTargets: string[] = []): Promise<void> {
  await page.screenshot({ path: `${artifacts}/portal-phone-${name}.png`, fullPage: true });
  const m = await page.evaluate((extra) => {
    const visible = (e: Element) => e.getClientRects().length > 0;
    const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} "${(e.textContent ?? '').trim().slice(0, 40)}"`;
    const fields = [...document.querySelectorAll<HTMLInputElement>('input:not([type=hidden]), select, textarea')].filter(visible);
    const targets = [...document.querySelectorAll('button[type=submit], ' + (extra.join(', ') || 'button[type=submit]'))].filter(visible);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      clientWidth: document.documentElement.clientWidth,
      wider: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map(describe),
      fieldFonts: fields.map((e) => ({ field: describe(e), px: parseFloat(getComputedStyle(e).fontSize) })),
      unlabelled: fields.filter((e) => !e.labels?.length).map(describe),
      targets: targets.map((e) => ({ target: describe(e), height: e.getBoundingClientRect().height })),
    };
  }, extraTargets);
  expect.soft(m.wider, `${name}: elements wider than the screen`).toEqual([]);
  expect.soft(m.scrollWidth, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(m.innerWidth);
  // A mobile browser zooms out to show content wider than the screen, which widens innerWidth with it: hold both to the screen.
  expect.soft(m.innerWidth, `${name}: the browser zoomed out`).toBe(PHONE.viewport.width);
  expect.soft(m.scrollWidth, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(m.clientWidth);
  expect.soft(m.unlabelled, `${name}: fields without a label`).toEqual([]);
  for (const f of m.fieldFonts) expect.soft(f.px, `${name}: font size of ${f.field}`).toBeGreaterThanOrEqual(16);
  expect.soft(m.targets.length, `${name}: nothing to tap`).toBeGreaterThan(0);
  for (const t of m.targets) expect.soft(t.height, `${name}: height of ${t.target}`).toBeGreaterThanOrEqual(44);
}

/** The form's refusal is announced (role=alert) and shown on the first screen, without scrolling to find it. */
async function expectAlertOnFirstScreen(page: Page, text: string): Promise<void> {
  const alert = page.locator('[role=alert]');
  await expect.poll(() => alert.textContent()).toContain(text);
  const box = (await alert.boundingBox())!;
  expect.soft(box.y + box.height, 'the alert ends below the first screen').toBeLessThanOrEqual(PHONE.viewport.height);
}

it('on a phone, a customer looks an order up, files a return and follows it without zooming or scrolling sideways', async () => {
  const page = await phone.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await openReady(page, `${base}/portal/${tenantId}`);
  await expectFitsPhone(page, 'lookup');
  await page.fill('#order', 'W-2025-004217');
  await page.fill('#email', 'someone@example.com');
  await page.click('button[type=submit]');
  await expectAlertOnFirstScreen(page, 'could not find an order');
  await expectFitsPhone(page, 'lookup-error');
  await page.fill('#email', 'kim@example.com');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/order\/W-2025-004217/);
  await page.waitForLoadState('networkidle');
  await expectFitsPhone(page, 'order');

  // Sent with nothing chosen: the refusal is at the top of the page, not under three items.
  await page.click('button[type=submit]');
  await expectAlertOnFirstScreen(page, 'Choose at least one item');
  await page.waitForLoadState('networkidle');
  await expectFitsPhone(page, 'order-error');
  await page.selectOption('#qty_SOCKS-3PK', '2');
  await page.fill('#reason_SOCKS-3PK', 'they are far too small for me');
  await page.selectOption('#resolution', 'exchange');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/returns\/RMA-/);
  await page.waitForLoadState('networkidle');
  expect(await page.locator('[data-testid=status]').textContent()).toContain('requested');
  await expectFitsPhone(page, 'status');

  const returnId = /returns\/(RMA-[0-9A-Z]+)/.exec(page.url())![1];
  expect((await engine.returns.getReturn(tenantId, returnId)).lines).toMatchObject([{ sku: 'SOCKS-3PK', quantity: 2 }]);
  await engine.returns.transition(tenantId, returnId, 'approve', {}, { actor: 'test' });
  await page.reload();
  await page.waitForLoadState('networkidle');
  expect(await page.locator('[data-testid=status]').textContent()).toContain('approved');
  // Once approved, the label is what the customer came for: a link as easy to tap as a button.
  await expectFitsPhone(page, 'status-approved', ['[data-testid=label]']);

  await page.goto(`${base}/portal/${tenantId}/returns/${returnId}?sig=forged`);
  await expectFitsPhone(page, 'error', ['a[href]']);
  expect(errors).toEqual([]);
});
