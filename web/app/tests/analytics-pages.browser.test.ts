import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '@rebound/engine';
import { engineInTempDir } from '@rebound/engine/testing';
import { buildApp } from '../../server/app';
import { launchChromium } from './launch-chromium';
import { seedAnalyticsStore } from './seed-analytics-store';

// Products, finance and sustainability in a real browser (Debian's chromium) against the real server and a seeded store.
const artifacts = resolve(__dirname, '../../../test-artifacts');
let engine: Engine;
let cleanup: () => Promise<void>;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let tenantId: string;
let apiKey: string;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  ({ engine, cleanup } = await engineInTempDir('rebound-analytics-'));
  ({ tenant: { id: tenantId }, apiKey } = await engine.tenants.createTenant({ name: 'Analytics Outfitters', currency: 'EUR' }));
  await seedAnalyticsStore(engine, tenantId);
  app = await buildApp({ engine, ui: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && problems.push(`${page.url()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  await page.goto(`${base}/login`);
  await page.waitForLoadState('networkidle'); // scripts loaded, the form hydrated
  await page.fill('#api_key', apiKey);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/`);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await cleanup?.();
});

const window365 = () => {
  const to = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z').getTime() + 86_400_000;
  return { from: new Date(to - 365 * 86_400_000).toISOString().slice(0, 10), to: new Date(to).toISOString().slice(0, 10) };
};
const euros = (v: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(v);

/** Waits until ECharts has drawn `count` canvases on the page. */
async function chartsDrawn(count: number) {
  await page.locator('canvas').nth(count - 1).waitFor();
  expect(await page.locator('canvas').count()).toBe(count);
}

describe('the analytics pages', () => {
  it('products: ranks SKUs with their top reasons, by return rate or value lost, with CSVs', async () => {
    await page.click('nav >> text=Products');
    await page.waitForURL(`${base}/products`);
    expect(await page.locator('nav a[aria-current=page]').textContent()).toBe('Products');
    await chartsDrawn(2);
    const { skus } = await engine.kpis.products(tenantId, window365(), { sort: 'return_rate_units', limit: 50 });
    const firstRow = page.locator('table >> nth=0').locator('tbody tr').first();
    expect(await firstRow.locator('td').nth(1).textContent()).toBe(skus[0].sku);
    expect(await page.locator('table >> nth=0').locator('tbody tr').count()).toBe(skus.length);
    await page.screenshot({ path: `${artifacts}/dashboard-products.png`, fullPage: true });

    await page.selectOption('#sort', 'value_lost');
    await page.click('button:has-text("Apply")');
    await page.waitForURL(/sort=value_lost/);
    await chartsDrawn(2);
    expect(await page.locator('h2').first().textContent()).toBe('SKUs by value lost');
    const byLoss = await engine.kpis.products(tenantId, window365(), { sort: 'value_lost', limit: 50 });
    expect(await page.locator('table >> nth=0').locator('tbody tr >> nth=0').locator('td').nth(8).textContent()).toBe(euros(byLoss.skus[0].value_lost));

    const csv = await page.request.get(`${base}/products.csv?sort=value_lost&table=reasons&category=apparel`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('sku,reason_rank,reason,units_returned,share_of_sku_units');
    const apparel = await engine.kpis.products(tenantId, { ...window365(), category: 'apparel' }, { sort: 'value_lost', limit: 50 });
    expect(lines.length - 1).toBe(apparel.skus.reduce((n, s) => n + s.top_reasons.length, 0));
  });

  it('finance: totals, money per period and per disposition, the same numbers as the marts', async () => {
    await page.goto(`${base}/finance`);
    await chartsDrawn(2);
    const report = await engine.kpis.finance(tenantId, 'month', window365());
    expect(await page.locator('[data-money=margin_impact]').textContent()).toBe(euros(report.totals.margin_impact));
    expect(await page.locator('[data-money=refund_total]').textContent()).toBe(euros(report.totals.refund_total));
    await page.screenshot({ path: `${artifacts}/dashboard-finance.png`, fullPage: true });

    // The per-period table opens from the keyboard.
    const summary = page.locator('summary').first();
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('details').first().getAttribute('open')).not.toBeNull();
    expect(await page.locator('details >> nth=0').locator('tbody tr').count()).toBe(report.by_period.length);

    const csv = await (await page.request.get(`${base}/finance.csv?table=dispositions`)).text();
    const [header, ...rows] = csv.trim().split('\n');
    expect(header.split(',')).toContain('margin_impact');
    expect(rows).toHaveLength(report.by_disposition.length);
    const restock = rows.find((r) => r.startsWith('restock,'))!.split(',');
    expect(Number(restock[header.split(',').indexOf('value_recovered')])).toBe(report.by_disposition.find((d) => d.disposition === 'restock')!.value_recovered);
  });

  it('sustainability: CO2e avoided against transport, the disposition Sankey and the landfill rate', async () => {
    await page.goto(`${base}/sustainability?grain=month`);
    await chartsDrawn(4);
    const report = await engine.kpis.sustainability(tenantId, 'month', window365());
    expect(report.totals.co2_transport_kg).toBeGreaterThan(0);
    expect(report.flows.some((f) => f.target === 'landfill')).toBe(true);
    expect(await page.locator('[data-footprint=landfill_rate_units]').textContent()).toBe(`${(report.totals.landfill_rate_units! * 100).toFixed(1)}%`);
    expect(await page.locator('[role=img][aria-label^="Flow of returned units"]').count()).toBe(1);
    await page.screenshot({ path: `${artifacts}/dashboard-sustainability.png`, fullPage: true });
    const flows = await (await page.request.get(`${base}/sustainability.csv?table=flows&grain=month`)).text();
    expect(flows.trim().split('\n')).toHaveLength(report.flows.length + 1);
    expect(flows).toMatch(/^disposition → outcome,dispose,landfill,\d+$/m);
  });

  it('the returns list downloads as CSV with its filters', async () => {
    await page.goto(`${base}/returns?status=in_transit`);
    const href = await page.locator('a:has-text("Download CSV")').getAttribute('href');
    expect(href).toBe('/returns.csv?status=in_transit&q=&risk=');
    const csv = await (await page.request.get(`${base}${href}`)).text();
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe('return_id,order_id,customer_id,status,resolution,requested_at,resolved_at,units,lines,fraud_score');
    const [{ n }] = await engine.store.query<{ n: number }>(`select count(*)::int as n from returns where tenant_id = $1 and status = 'in_transit'`, [tenantId]);
    expect(n).toBeGreaterThan(0);
    expect(rows).toHaveLength(n);
    expect(rows.every((r) => r.split(',')[3] === 'in_transit')).toBe(true);

    // The risk filter narrows the list and its CSV to returns scored at least that high (scores as the fraud
    // step stores them: three risky, three not).
    await engine.store.query(`update returns set fraud_score = 0.7 where tenant_id = $1 and id in (select id from returns where tenant_id = $1 order by id limit 3)`, [tenantId]);
    await engine.store.query(`update returns set fraud_score = 0.2 where tenant_id = $1 and id in (select id from returns where tenant_id = $1 order by id limit 3 offset 3)`, [tenantId]);
    await page.goto(`${base}/returns`);
    await page.selectOption('#risk', '0.5');
    await page.click('button:has-text("Filter")');
    await page.waitForURL(/risk=0\.5/);
    expect(await page.locator('tbody tr td:last-child').allTextContents()).toEqual(['0.70', '0.70', '0.70']);
    const riskyCsv = await (await page.request.get(`${base}/returns.csv?risk=0.5`)).text();
    expect(riskyCsv.trim().split('\n')).toHaveLength(4);
    expect((await (await page.request.get(`${base}/returns.csv?risk=0.3`)).text()).trim().split('\n')).toHaveLength(4);
  });

  it('refuses bad dates and filters with a message, and logs no console errors on the way', async () => {
    const cases: [string, string][] = [
      ['/products?sort=likes', "sort 'likes' is not one of return_rate_units"],
      ['/finance?from=2026-13-01', "from '2026-13-01' is not a date such as 2026-05-01"],
      ['/sustainability?from=2026-05-01&to=2026-04-01', 'from 2026-05-01 must be before to 2026-04-01'],
      ['/finance?grain=year', "grain 'year' is not one of day, week, month"],
      ['/returns?risk=0.9', "risk '0.9' is not one of 0.3, 0.5"],
      ['/returns?status=lost', "status 'lost' is not one of requested, approved"],
    ];
    for (const [path, message] of cases) {
      const res = await page.goto(`${base}${path}`);
      expect(res!.status(), path).toBe(400);
      expect(await page.textContent('body'), path).toContain(message);
    }
    expect((await page.request.get(`${base}/returns.csv?status=lost`)).status()).toBe(400);
    expect((await page.request.get(`${base}/finance.csv?table=everything`)).status()).toBe(400);
    // The 400s themselves are logged by the browser as failed loads; anything else is a defect.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });
});
