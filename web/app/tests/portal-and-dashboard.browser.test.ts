import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '@rebound/engine';
import { engineInTempDir } from '@rebound/engine/testing';
import { buildApp } from '../../server/app';
import { launchChromium } from './launch-chromium';
import { openReady } from './browser-pages';
import { addTenantUser } from '../../server/auth/tenant-users';

// A real browser (Debian's chromium) against the real server, dashboard and portal on one port.
const artifacts = resolve(__dirname, '../../../test-artifacts');
let engine: Engine;
let cleanup: () => Promise<void>;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let tenantId: string;
let apiKey: string;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  ({ engine, cleanup } = await engineInTempDir('rebound-browser-'));
  ({ tenant: { id: tenantId }, apiKey } = await engine.tenants.createTenant({ name: 'Browser Boutique', currency: 'EUR' }));
  await engine.orders.createOrder(tenantId, {
    order_id: 'W-77',
    ordered_at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    customer: { id: 'c-77', email: 'jo@example.com' },
    lines: [{ sku: 'DRESS-M', product_name: 'Wrap dress M', category: 'apparel', quantity: 1, unit_price: 79, weight_kg: 0.4 }],
  });
  app = await buildApp({ engine, ui: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await cleanup?.();
});

/** Signs a dashboard page in with the tenant's API key. */
async function signInWithApiKey(page: Page): Promise<void> {
  await openReady(page, `${base}/login`);
  await page.fill('#api_key', apiKey);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/`);
}

it('a customer files a return, the merchant approves it, the customer sees it change and gets a label', async () => {
  const customer = await browser.newPage();
  const errors: string[] = [];
  customer.on('pageerror', (e) => errors.push(e.message));
  await openReady(customer, `${base}/portal/${tenantId}`);
  await customer.fill('#order', 'W-77');
  await customer.fill('#email', 'nobody@example.com');
  await customer.click('button[type=submit]');
  await expect(customer.locator('[role=alert]').textContent()).resolves.toContain('could not find an order with that number and e-mail');
  await customer.fill('#email', 'JO@example.com');
  await customer.click('button[type=submit]');
  await customer.waitForURL(/\/order\/W-77/);
  await customer.selectOption('#qty_DRESS-M', '1');
  await customer.fill('#reason_DRESS-M', 'way too big on me, swimming in it');
  await customer.locator('[data-testid=suggestion]').waitFor();
  // The choices the portal accepts, and no refund without sending the item back.
  expect(await customer.locator('#resolution option').allTextContents()).toEqual(['Refund', 'Exchange', 'Store credit']);
  await customer.selectOption('#resolution', 'store_credit');
  await customer.screenshot({ path: `${artifacts}/portal-order.png`, fullPage: true });
  await customer.click('button[type=submit]');
  await customer.waitForURL(/\/returns\/RMA-/);
  expect(await customer.locator('[data-testid=status]').textContent()).toContain('requested');
  const statusUrl = customer.url();
  const returnId = /returns\/(RMA-[0-9A-Z]+)/.exec(statusUrl)![1];
  expect((await engine.returns.getReturn(tenantId, returnId)).resolution).toBe('store_credit');

  const merchant = await browser.newPage();
  merchant.on('pageerror', (e) => errors.push(e.message));
  await merchant.goto(`${base}/`);
  await merchant.waitForURL(/\/login/);
  await merchant.fill('#api_key', apiKey);
  await merchant.click('button[type=submit]');
  await merchant.waitForURL(`${base}/`);
  await merchant.locator('canvas').first().waitFor();
  await merchant.screenshot({ path: `${artifacts}/dashboard-overview.png`, fullPage: true });
  await merchant.goto(`${base}/returns`);
  await merchant.screenshot({ path: `${artifacts}/dashboard-returns.png`, fullPage: true });
  await merchant.click(`text=${returnId}`);
  await merchant.waitForURL(new RegExp(`/returns/${returnId}$`));
  await merchant.locator('button:has-text("Approve")').waitFor();
  await merchant.screenshot({ path: `${artifacts}/dashboard-return.png`, fullPage: true });
  await merchant.click('button:has-text("Approve")');
  await merchant.locator('text=Mark received').waitFor();

  await customer.reload();
  expect(await customer.locator('[data-testid=status]').textContent()).toContain('approved');
  await customer.screenshot({ path: `${artifacts}/portal-status.png`, fullPage: true });
  const labelHref = await customer.locator('[data-testid=label]').getAttribute('href');
  const label = await customer.request.get(new URL(labelHref!, statusUrl).href);
  expect(label.headers()['content-type']).toBe('application/pdf');
  const pdf = await label.body();
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(2000);
  expect(errors).toEqual([]);
});

it('refuses a tampered status link and an unknown portal', async () => {
  const page = await browser.newPage();
  const tampered = await page.goto(`${base}/portal/${tenantId}/returns/RMA-00000000?sig=forged`);
  expect(tampered!.status()).toBe(403);
  const unknown = await page.goto(`${base}/portal/ten_nobody`);
  expect(unknown!.status()).toBe(404);
});

it('the merchant edits rules with validation, backtests them, and accepts a suggestion with a click', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInWithApiKey(page);
  await openReady(page, `${base}/rules`);
  await page.fill('#rules', JSON.stringify({ rules: [{ name: 'x', priority: 1, enabled: true, conditions: { all: [{ fact: 'mood', operator: 'equal', value: 1 }] }, outcome: { type: 'approve' } }] }));
  await page.click('button:has-text("Validate and activate")');
  await expect(page.locator('[role=alert]').textContent()).resolves.toContain("unknown fact 'mood'");
  await page.fill('#rules', JSON.stringify({ rules: [{ name: 'cheap', priority: 1, enabled: true, conditions: { all: [{ fact: 'line_value', operator: 'lessThan', value: 100 }] }, outcome: { type: 'approve' } }] }));
  await page.click('button:has-text("Backtest")');
  await page.locator('text=Backtest over').waitFor();
  await page.click('form[action="?/accept"] button >> nth=0');
  await page.locator('[role=status]').waitFor();
  expect(await page.locator('[role=status]').textContent()).toMatch(/Activated version \d/);
  await page.screenshot({ path: `${artifacts}/dashboard-rules.png`, fullPage: true });
  expect((await engine.rules.getActive(tenantId))?.rules.length).toBe(1);
  expect(errors).toEqual([]);
});

it('a tenant user signs in with e-mail and password (wrong ones get one message), and signing out ends the session', async () => {
  await addTenantUser(engine, tenantId, 'ops@boutique.test', 'a long passphrase');
  const page = await browser.newPage();
  await openReady(page, `${base}/login`);
  await page.fill('#email', 'ops@boutique.test');
  await page.fill('#password', 'not the passphrase');
  await page.click('button[type=submit]');
  await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('do not match');
  await page.screenshot({ path: `${artifacts}/login-error.png`, fullPage: true });
  await page.fill('#password', 'a long passphrase');
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/`);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'rb_session')!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe('Lax');
  await page.goto(`${base}/returns`);
  expect(page.url()).toBe(`${base}/returns`);
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(`${base}/trends?metric=units_returned&grain=day&by=sku`);
  await page.locator('canvas').nth(1).waitFor();
  expect(await page.locator('h2').first().textContent()).toBe('Units returned per day');
  await page.screenshot({ path: `${artifacts}/dashboard-trends.png`, fullPage: true });
  const csv = await page.request.get(`${base}/trends.csv?metric=units_returned&grain=day&by=sku`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const csvText = await csv.text();
  expect(csvText.split('\n')[0]).toBe('kind,key,units_returned');
  expect(csvText).toMatch(/^sku,DRESS-M,1$/m);
  expect((await page.goto(`${base}/trends?from=yesterday`))!.status()).toBe(400);
  await openReady(page, `${base}/reasons?reason=size_too_large`);
  await page.locator('canvas').nth(1).waitFor();
  expect(await page.locator('td', { hasText: 'way too big on me' }).count()).toBe(1);
  await page.selectOption('select[name=reason_code]', 'style');
  await page.click('form[action$="/relabel"] button');
  await expect.poll(() => page.locator('[role=status]').textContent()).toContain('is now style');
  // The line now counts under the merchant's reason: it leaves this drill-down for the other one, and the KPIs follow.
  await expect.poll(() => page.locator('td', { hasText: 'way too big on me' }).count()).toBe(0);
  await page.goto(`${base}/reasons?reason=style`);
  expect(await page.locator('td', { hasText: 'way too big on me' }).count()).toBe(1);
  await engine.kpis.refresh({ runTests: false });
  const byReason = await engine.kpis.breakdown(tenantId, 'units_returned', 'reason_code', {});
  expect(byReason.find((r) => r.value === 'style')?.kpi).toBe(1);
  expect(byReason.find((r) => r.value === 'size_too_large')).toBeUndefined();
  await page.screenshot({ path: `${artifacts}/dashboard-reasons.png`, fullPage: true });
  const [corrected] = await engine.store.query<{ reason_code: string; corrected_by: string }>('select reason_code, corrected_by from reason_corrections');
  expect(corrected).toEqual({ reason_code: 'style', corrected_by: 'ops@boutique.test' });
  expect(consoleErrors.filter((e) => !/400/.test(e))).toEqual([]);
  await page.request.post(`${base}/logout`, { headers: { origin: base } });
  const after = await page.goto(`${base}/returns`);
  expect(after!.url()).toBe(`${base}/login`);
});

it('warehouse staff take units off a return, ship it with tracking, cancel it, and reopen a closed one', async () => {
  await engine.orders.createOrder(tenantId, {
    order_id: 'W-88',
    ordered_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    customer: { id: 'c-88', email: 'al@example.com' },
    lines: [{ sku: 'COAT-L', product_name: 'Wool coat L', category: 'apparel', quantity: 2, unit_price: 240 }, { sku: 'SCARF', category: 'apparel', quantity: 1, unit_price: 150 }],
  });
  const who = { actor: 'test' };
  const open = await engine.returns.requestReturn(tenantId, { order_id: 'W-88', lines: [{ sku: 'COAT-L', quantity: 2 }] }, who);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInWithApiKey(page);
  await openReady(page, `${base}/returns/${open.return_id}`);

  // Nothing chosen: refused with the engine's reason, nothing changed. Then one of the two coats.
  await page.click('button:has-text("Remove units")');
  await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('name at least one line');
  await page.selectOption('#remove_COAT-L', '1');
  await page.fill('#remove_reason', 'keeping one');
  await page.click('button:has-text("Remove units")');
  await expect.poll(async () => (await engine.returns.getReturn(tenantId, open.return_id)).lines[0].quantity).toBe(1);

  await page.click('button:has-text("Approve")');
  await page.locator('[data-testid=label]').waitFor();
  const label = await page.request.get(new URL((await page.locator('[data-testid=label]').getAttribute('href'))!, base).href);
  expect(label.headers()['content-type']).toBe('application/pdf');
  // A link that is not a web address is refused; then the parcel ships with its tracking.
  await page.fill('#carrier', 'DHL');
  await page.fill('#tracking_number', 'JD0146');
  await page.fill('#tracking_url', 'ftp://tracking.example/JD0146');
  await page.click('button:has-text("Mark shipped")');
  await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('tracking_url must be an http(s) address');
  expect((await engine.returns.getReturn(tenantId, open.return_id)).status).toBe('approved');
  await page.fill('#tracking_url', 'https://tracking.example/JD0146');
  await page.click('button:has-text("Mark shipped")');
  await expect.poll(() => page.locator('h1').textContent()).toContain('in_transit');
  expect(await page.locator('[data-testid=tracking] a').getAttribute('href')).toBe('https://tracking.example/JD0146');
  await page.screenshot({ path: `${artifacts}/dashboard-return-shipped.png`, fullPage: true });
  // The customer's status page (the dashboard links it) shows the parcel's tracking.
  const customerView = await browser.newPage();
  await customerView.goto(new URL((await page.locator("a:has-text(\"customer's status page\")").getAttribute('href'))!, base).href);
  expect(await customerView.locator('[data-testid=tracking]').textContent()).toMatch(/Tracking \(DHL\):\s*JD0146/);
  expect(await customerView.locator('[data-testid=tracking] a').getAttribute('href')).toBe('https://tracking.example/JD0146');
  await customerView.close();
  // Saving tracking with every field emptied is refused; the stored tracking stays.
  for (const field of ['#carrier', '#tracking_number', '#tracking_url']) await page.fill(field, '');
  await page.click('button:has-text("Save tracking")');
  await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('tracking needs at least one of');
  expect((await engine.returns.getReturn(tenantId, open.return_id)).tracking).toMatchObject({ carrier: 'DHL', tracking_number: 'JD0146' });
  await page.fill('#cancel_reason', 'customer kept it');
  await page.click('button:has-text("Cancel return")');
  await expect.poll(() => page.locator('h1').textContent()).toContain('canceled');
  expect(await page.locator('text=No further actions').count()).toBe(1);

  // The warehouse books in what actually came back: one coat of two, in another size, weighed.
  const parcel = await engine.returns.requestReturn(tenantId, { order_id: 'W-88', lines: [{ sku: 'COAT-L', quantity: 2 }] }, who);
  await engine.returns.transition(tenantId, parcel.return_id, 'approve', {}, who);
  await openReady(page, `${base}/returns/${parcel.return_id}`);
  await page.selectOption('#received_qty_COAT-L', '1');
  await page.fill('#received_sku_COAT-L', 'COAT-M');
  await page.fill('#received_weight_COAT-L', 'heavy');
  await page.click('button:has-text("Mark received")');
  await expect.poll(() => page.locator('[role=alert]').textContent()).toContain("weight (kg) of COAT-L must be a number, got 'heavy'");
  await page.fill('#received_weight_COAT-L', '1,4');
  await page.click('button:has-text("Mark received")');
  await expect.poll(() => page.locator('h1').textContent()).toContain('received');
  const [booked] = (await engine.returns.getReturn(tenantId, parcel.return_id)).lines;
  expect([booked.received_quantity, booked.received_sku, booked.received_weight_kg]).toEqual([1, 'COAT-M', 1.4]);
  await engine.jobs.drain();
  await page.reload();
  expect(await page.locator('text=item_mismatch').count()).toBe(1);

  // Inspected with what the coat will bring back, then refunded less a fee; typos are refused first.
  await page.selectOption('#c_COAT-L', 'good');
  await page.selectOption('#d_COAT-L', 'resell_secondary');
  await page.fill('#recovered_COAT-L', 'lots');
  await page.click('button:has-text("Save inspection")');
  await expect.poll(() => page.locator('[role=alert]').textContent()).toContain("value recovered for COAT-L must be a number, got 'lots'");
  await page.fill('#recovered_COAT-L', '95');
  await page.click('button:has-text("Save inspection")');
  await expect.poll(() => page.locator('h1').textContent()).toContain('inspected');
  await page.fill('#amount_COAT-L', 'most of it');
  await page.click('button:has-text("Resolve")');
  await expect.poll(() => page.locator('[role=alert]').textContent()).toContain("amount for COAT-L must be a number, got 'most of it'");
  expect((await engine.returns.getReturn(tenantId, parcel.return_id)).status).toBe('inspected');
  await page.fill('#amount_COAT-L', '220,00');
  await page.click('button:has-text("Resolve")');
  await expect.poll(() => page.locator('h1').textContent()).toContain('resolved');
  expect(await engine.store.query('select recovered_value::double as recovered, refund_amount::double as refund from return_lines where return_id = $1', [parcel.return_id]))
    .toEqual([{ recovered: 95, refund: 220 }]);

  // A cheap item is refunded without coming back.
  await engine.orders.createOrder(tenantId, { order_id: 'W-89', ordered_at: new Date().toISOString(), customer: { id: 'c-88' }, lines: [{ sku: 'GLOVES', category: 'apparel', quantity: 1, unit_price: 19 }] });
  const cheap = await engine.returns.requestReturn(tenantId, { order_id: 'W-89', lines: [{ sku: 'GLOVES', quantity: 1 }] }, who);
  await openReady(page, `${base}/returns/${cheap.return_id}`);
  await page.click('button:has-text("Refund without return")');
  await expect.poll(() => page.locator('h1').textContent()).toContain('resolved');
  expect((await engine.returns.getReturn(tenantId, cheap.return_id)).resolution).toBe('keep_it');

  // A closed return goes back to the status it was closed from.
  const closed = await engine.returns.requestReturn(tenantId, { order_id: 'W-88', lines: [{ sku: 'SCARF', quantity: 1 }] }, who);
  for (const [action, input] of [['approve', {}], ['receive', {}], ['inspect', { lines: [{ sku: 'SCARF', condition: 'good', disposition: 'restock' }] }], ['resolve', { resolution: 'store_credit' }], ['close', {}]] as const) {
    await engine.returns.transition(tenantId, closed.return_id, action, input, who);
  }
  await openReady(page, `${base}/returns/${closed.return_id}`);
  await page.click('button:has-text("Reopen")');
  await expect.poll(() => page.locator('h1').textContent()).toContain('resolved');
  expect(errors).toEqual([]);
});

it('a customer cancels their own return from the status page; a forged link or a second cancel is refused', async () => {
  await engine.orders.createOrder(tenantId, {
    order_id: 'W-99',
    ordered_at: new Date(Date.now() - 86_400_000).toISOString(),
    customer: { id: 'c-99', email: 'sam@example.com' },
    lines: [{ sku: 'BELT', category: 'apparel', quantity: 1, unit_price: 180 }],
  });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openReady(page, `${base}/portal/${tenantId}`);
  await page.fill('#order', 'W-99');
  await page.fill('#email', 'sam@example.com');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/order\/W-99/);
  await page.selectOption('#qty_BELT', '1');
  await page.fill('#reason_BELT', 'the buckle scratches');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/returns\/RMA-/);
  const returnId = /returns\/(RMA-[0-9A-Z]+)/.exec(page.url())![1];

  const forged = await page.request.post(`${base}/portal/${tenantId}/returns/${returnId}?/cancel&sig=forged`, { form: { reason: 'x' }, headers: { origin: base } });
  expect(forged.status()).toBe(403);
  expect((await engine.returns.getReturn(tenantId, returnId)).status).not.toBe('canceled');

  await page.fill('#reason', 'found one I like better');
  await page.click('button:has-text("Cancel this return")');
  await expect.poll(() => page.locator('[data-testid=status]').textContent()).toContain('canceled');
  expect(await page.locator('button:has-text("Cancel this return")').count()).toBe(0);
  const timeline = (await engine.returns.getReturn(tenantId, returnId, { timeline: true })).timeline!;
  expect(timeline.find((e) => e.type === 'return.canceled')).toMatchObject({ actor: 'customer', reason: 'found one I like better' });
  const again = await page.request.post(`${page.url().replace(/\?.*$/, '')}?/cancel&sig=${new URL(page.url()).searchParams.get('sig')}`, { form: {}, headers: { origin: base } });
  // Posted without a browser's Accept header, SvelteKit answers the action's outcome as JSON.
  const outcome = await again.json();
  expect([outcome.type, outcome.status]).toEqual(['failure', 409]);
  expect(outcome.data).toContain('cannot cancel return');
  expect(errors).toEqual([]);
});
