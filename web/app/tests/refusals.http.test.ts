import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '@rebound/engine';
import { engineInTempDir } from '@rebound/engine/testing';
import { listen, open, signIn, submit, type PageAnswer } from './form-http';

// Every refusal of the portal and the dashboard over plain HTTP against the real server (the built app), as a
// browser without JavaScript sees it: the status, the message, and nothing stored.
const DAY = 86_400_000;
const who = { actor: 'test' };
const oldOrderAt = new Date(Date.now() - 60 * DAY);
let engine: Engine;
let cleanup: () => Promise<void>;
let app: FastifyInstance;
let base: string;
let tenantId: string;
let limitedTenantId: string;
let apiKey: string;
let cookie: string;

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-refusals-'));
  ({ tenant: { id: tenantId }, apiKey } = await engine.tenants.createTenant({ name: 'Refusal Outfitters', currency: 'EUR' }));
  ({ tenant: { id: limitedTenantId } } = await engine.tenants.createTenant({ name: 'Rate Limited Shop', currency: 'EUR' }));
  const order = (id: string, email: string, at: Date, lines: { sku: string; quantity: number; unit_price: number }[]) => ({
    order_id: id,
    ordered_at: at.toISOString(),
    customer: { id: `c-${id}`, email },
    lines: lines.map((l) => ({ ...l, category: 'apparel' })),
  });
  await engine.orders.createOrder(tenantId, order('P-1', 'pat@example.com', new Date(Date.now() - 2 * DAY), [{ sku: 'TEE', quantity: 2, unit_price: 20 }, { sku: 'BAG', quantity: 1, unit_price: 60 }]));
  await engine.orders.createOrder(tenantId, order('P-OLD', 'pat@example.com', oldOrderAt, [{ sku: 'COAT', quantity: 1, unit_price: 200 }]));
  for (const id of ['D-1', 'D-2']) await engine.orders.createOrder(tenantId, order(id, 'dana@example.com', new Date(Date.now() - 3 * DAY), [{ sku: 'SHOE', quantity: 1, unit_price: 90 }]));
  await engine.orders.createOrder(limitedTenantId, order('L-1', 'lee@example.com', new Date(), [{ sku: 'HAT', quantity: 1, unit_price: 25 }]));
  ({ app, base } = await listen(engine));
  cookie = await signIn(base, apiKey);
});
afterAll(async () => {
  await app?.close();
  await cleanup?.();
});

/** What the tenant has stored about returns: counts that a refusal must leave as they were. */
async function stored(tenant = tenantId) {
  const [row] = await engine.store.query<{ returns: number; lines: number; events: number; corrections: number; rule_sets: number }>(
    `select (select count(*)::int from returns where tenant_id = $1) as returns, (select count(*)::int from return_lines where tenant_id = $1) as lines,
            (select count(*)::int from events where tenant_id = $1) as events, (select count(*)::int from reason_corrections where tenant_id = $1) as corrections,
            (select count(*)::int from rule_sets where tenant_id = $1) as rule_sets`,
    [tenant],
  );
  return row;
}
const sessions = async () => (await engine.store.query<{ n: number }>('select count(*)::int as n from web_sessions'))[0].n;

/** A refused form: the status, the message in its alert, no redirect (soft, so every case of a test is reported). */
function refused(answer: PageAnswer, status: number, message: string) {
  expect.soft({ status: answer.status, alert: answer.alert, location: answer.location }).toEqual({ status, alert: message, location: null });
}

/** The signed order page of a lookup, as the portal redirects to it. */
async function orderPage(orderId: string, email: string): Promise<string> {
  const found = await submit(base, `/portal/${tenantId}`, { order: orderId, email });
  expect(found.status).toBe(303);
  return found.location!;
}

describe('the customer portal', () => {
  const notFound = 'We could not find an order with that number and e-mail address.';

  it('refuses a lookup whose order and e-mail do not match with one message for either mistake', async () => {
    refused(await submit(base, `/portal/${tenantId}`, { order: 'P-1', email: 'someone@example.com' }), 400, notFound);
    refused(await submit(base, `/portal/${tenantId}`, { order: 'P-404', email: 'pat@example.com' }), 400, notFound);
    refused(await submit(base, `/portal/${tenantId}`, { order: ' ', email: '' }), 400, notFound);
  });

  it('refuses the eleventh lookup in a minute from one address with 429, even a right one, and only for that store', async () => {
    for (let i = 0; i < 10; i++) refused(await submit(base, `/portal/${limitedTenantId}`, { order: 'L-1', email: `guess${i}@example.com` }), 400, notFound);
    refused(await submit(base, `/portal/${limitedTenantId}`, { order: 'L-1', email: 'lee@example.com' }), 429, 'Too many attempts. Please wait a minute and try again.');
    expect((await submit(base, `/portal/${tenantId}`, { order: 'P-1', email: 'pat@example.com' })).status).toBe(303);
  });

  it('refuses an order page and a return filed through a link that is not signed, storing nothing', async () => {
    const message = 'This link is not valid; look your order up again.';
    for (const path of [`/portal/${tenantId}/order/P-1?t=forged`, `/portal/${tenantId}/order/P-1`]) {
      const page = await open(base, path);
      expect.soft(page.status, path).toBe(403);
      expect.soft(page.alert, path).toBe(message);
      expect.soft(page.text, path).toContain(`<a href="/portal/${tenantId}">Look up your order again</a>`);
    }
    const valid = new URL(await orderPage('P-1', 'pat@example.com'), base);
    const otherOrder = `/portal/${tenantId}/order/D-1?t=${valid.searchParams.get('t')}`;
    expect.soft((await open(base, otherOrder)).status).toBe(403);
    const before = await stored();
    for (const path of [`/portal/${tenantId}/order/P-1?t=forged`, otherOrder]) {
      const posted = await submit(base, path, { qty_TEE: '1', reason_TEE: 'too tight' });
      expect.soft(posted.status, path).toBe(403);
      expect.soft(posted.text, path).toContain(message);
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses a return with no item chosen, an item without a reason, or a resolution not offered, storing nothing', async () => {
    const page = new URL(await orderPage('P-1', 'pat@example.com'), base);
    const path = `${page.pathname}${page.search}`;
    const before = await stored();
    const none = 'Choose at least one item and how many to return.';
    refused(await submit(base, path, {}), 400, none);
    refused(await submit(base, path, { qty_TEE: '0', reason_TEE: 'too tight', qty_BAG: '0', reason_BAG: '' }), 400, none);
    const why = 'Tell us in a few words why each item goes back.';
    refused(await submit(base, path, { qty_TEE: '1', reason_TEE: '   ' }), 400, why);
    refused(await submit(base, path, { qty_TEE: '1', reason_TEE: 'too tight', qty_BAG: '1' }), 400, why);
    // Keeping the item with a refund is the merchant's to offer, not the customer's to pick.
    for (const resolution of ['keep_it', 'cash']) {
      refused(await submit(base, path, { qty_TEE: '1', reason_TEE: 'too tight', resolution }), 400, 'Choose a refund, an exchange or store credit.');
    }
    expect(await stored()).toEqual(before);
  });

  it('shows the policy refusal beside the form (more units than bought, past the return window) and stores nothing, not even the good lines', async () => {
    const recent = new URL(await orderPage('P-1', 'pat@example.com'), base);
    const old = new URL(await orderPage('P-OLD', 'pat@example.com'), base);
    const before = await stored();
    const tooMany = await submit(base, `${recent.pathname}${recent.search}`, { qty_TEE: '1', reason_TEE: 'too tight', qty_BAG: '2', reason_BAG: 'the strap broke', resolution: 'store_credit' });
    refused(tooMany, 400, 'cannot return 2 x BAG: 1 bought, 0 already being returned, so at most 1 can be returned');
    // The form comes back as the customer filled it in, to mend rather than retype.
    expect(tooMany.text).toMatch(/<textarea[^>]*name="reason_TEE"[^>]*>too tight<\/textarea>/);
    expect(tooMany.text).toMatch(/<textarea[^>]*name="reason_BAG"[^>]*>the strap broke<\/textarea>/);
    expect(/<select id="qty_TEE".*?<\/select>/s.exec(tooMany.text)?.[0]).toMatch(/<option value="1" selected/);
    expect(tooMany.text).toMatch(/<option value="store_credit" selected/);
    const closedOn = new Date(oldOrderAt.getTime() + 30 * DAY).toISOString().slice(0, 10);
    refused(await submit(base, `${old.pathname}${old.search}`, { qty_COAT: '1', reason_COAT: 'too warm' }), 400, `COAT cannot be returned: the 30-day return window closed on ${closedOn}`);
    expect(await stored()).toEqual(before);
  });
});

describe('signing in', () => {
  it('refuses an API key that is not valid with 401 and opens no session', async () => {
    const before = await sessions();
    const answer = await submit(base, '/login', { api_key: 'rb_live_not-a-real-key' });
    refused(answer, 401, 'That API key is not valid. Use a key printed by `rebound tenants create` or `rebound demo`.');
    expect(answer.cookies.filter((c) => c.startsWith('rb_session='))).toEqual([]);
    expect(await sessions()).toBe(before);
  });

  it('refuses a sign-in with nothing to check (no key, or an e-mail without a password) with 400 and opens no session', async () => {
    const before = await sessions();
    for (const fields of [{}, { api_key: '  ', email: '', password: '' }, { email: 'ops@example.com', password: '' }] as Record<string, string>[]) {
      const answer = await submit(base, '/login', fields);
      refused(answer, 400, 'Enter your e-mail and password, or an API key.');
      expect(answer.cookies.filter((c) => c.startsWith('rb_session='))).toEqual([]);
    }
    expect(await sessions()).toBe(before);
  });
});

describe('the dashboard filters', () => {
  const long = 'x'.repeat(101);

  async function expectRefused(cases: [string, string][]) {
    for (const [path, message] of cases) {
      const answer = await open(base, path, cookie);
      expect.soft(answer.status, path).toBe(400);
      expect.soft(answer.text, path).toContain(message);
    }
  }

  it('answers a refused page inside the dashboard, its message as an alert, with a way back without the filters', async () => {
    const answer = await open(base, '/reasons?reason=vibes&from=2026-01-01', cookie);
    expect(answer.status).toBe(400);
    expect(answer.alert).toMatch(/^reason 'vibes' is not one of size_too_small, /);
    expect(answer.text).toContain('<a href="/reasons">Open /reasons without these filters</a>');
    expect(answer.text).toContain('Sign out');
    const unknown = await open(base, '/returns/RMA-NOPE', cookie);
    expect(unknown.status).toBe(404);
    expect(unknown.alert).toBe('Return RMA-NOPE was not found');
    expect(unknown.text).toContain('<a href="/returns">Back to /returns</a>');
  });

  it('refuses bad filters on products, finance and sustainability and their CSVs with 400 naming the filter', async () => {
    await expectRefused([
      [`/products?category=${long}`, 'category is longer than 100 characters'],
      ['/products?to=2026-02-30', "to '2026-02-30' is not a date such as 2026-05-01"],
      ['/products.csv?sort=likes', "sort 'likes' is not one of return_rate_units, units_returned, return_cost_total, value_lost"],
      ['/products.csv?table=everything', "table 'everything' is not one of skus, reasons"],
      ['/products.csv?from=2026-05-01&to=2026-05-01', 'from 2026-05-01 must be before to 2026-05-01'],
      [`/finance?channel=${long}`, 'channel is longer than 100 characters'],
      ['/finance.csv?from=2026-13-01', "from '2026-13-01' is not a date such as 2026-05-01"],
      ['/finance.csv?grain=year', "grain 'year' is not one of day, week, month"],
      ['/finance.csv?table=everything', "table 'everything' is not one of periods, dispositions"],
      ['/sustainability?grain=decade', "grain 'decade' is not one of day, week, month"],
      [`/sustainability?sku=${long}`, 'sku is longer than 100 characters'],
      ['/sustainability.csv?from=2026-05-01&to=2026-04-01', 'from 2026-05-01 must be before to 2026-04-01'],
      ['/sustainability.csv?to=soon', "to 'soon' is not a date such as 2026-05-01"],
      ['/sustainability.csv?table=everything', "table 'everything' is not one of periods, categories, flows"],
    ]);
  });

  it('refuses bad dates and choices on trends, its CSV and reasons with 400 naming them', async () => {
    await expectRefused([
      ['/trends?from=yesterday', "from 'yesterday' is not a date such as 2026-05-01"],
      ['/trends?from=2026-02-30', "from '2026-02-30' is not a date such as 2026-05-01"],
      ['/trends?from=2026-05-01&to=2026-04-01', 'from 2026-05-01 must be before to 2026-04-01'],
      ['/trends?metric=happiness', "metric 'happiness' is not one of returns_count, units_returned,"],
      ['/trends.csv?to=someday', "to 'someday' is not a date such as 2026-05-01"],
      ['/trends.csv?grain=year', "grain 'year' is not one of day, week, month"],
      ['/trends.csv?by=colour', "by 'colour' is not one of reason_code, category, sku, channel, disposition"],
      ['/reasons?from=yesterday', "from 'yesterday' is not a date such as 2026-05-01"],
      ['/reasons?from=2026-05-01&to=2026-05-01', 'from 2026-05-01 must be before to 2026-05-01'],
      ['/reasons?reason=vibes', "reason 'vibes' is not one of size_too_small, size_too_large,"],
    ]);
  });

  it('refuses a returns search longer than 100 characters on the list and its CSV', async () => {
    await expectRefused([
      [`/returns?q=${long}`, 'q is longer than 100 characters'],
      [`/returns.csv?q=${long}`, 'q is longer than 100 characters'],
      [`/returns.csv?risk=0.9`, "risk '0.9' is not one of 0.3, 0.5"],
    ]);
  });
});

describe('the dashboard forms', () => {
  it('refuses a rule set that is not JSON or uses an unknown fact, for saving and for backtesting, and activates nothing', async () => {
    const before = await stored();
    const unknownFact = JSON.stringify({ rules: [{ name: 'x', priority: 1, enabled: true, conditions: { all: [{ fact: 'mood', operator: 'equal', value: 1 }] }, outcome: { type: 'approve' } }] });
    for (const action of ['save', 'backtest']) {
      const notJson = await submit(base, `/rules?/${action}`, { rules: '{"rules": [' }, cookie);
      expect.soft(notJson.status, action).toBe(400);
      expect.soft(notJson.alert, action).toMatch(/^The rule set is not valid JSON: .+/);
      const unknown = await submit(base, `/rules?/${action}`, { rules: unknownFact }, cookie);
      expect.soft(unknown.status, action).toBe(400);
      expect.soft(unknown.alert, action).toContain("rule 1 'x', condition conditions.all[0]: unknown fact 'mood' (facts: order_value, line_value,");
    }
    expect(await engine.rules.getActive(tenantId)).toBeNull();
    expect(await stored()).toEqual(before);
  });

  it('refuses accepting a suggestion that is no longer offered, and activates nothing', async () => {
    const offered = await engine.rules.suggest(tenantId);
    expect(offered.length).toBeGreaterThan(0);
    const before = await stored();
    for (const fields of [{ suggestion: 'a rule nobody suggested' }, { suggestion: '0' }, {}] as Record<string, string>[]) {
      refused(await submit(base, '/rules?/accept', fields, cookie), 400, 'That suggestion is no longer offered; reload the page.');
    }
    expect(await engine.rules.getActive(tenantId)).toBeNull();
    expect(await stored()).toEqual(before);
  });

  it('refuses correcting a reason to a code that does not exist, or on a line that does not exist, and records nothing', async () => {
    const { return_id } = await engine.returns.requestReturn(tenantId, { order_id: 'D-1', lines: [{ sku: 'SHOE', quantity: 1, reason_text: 'pinches my toes' }] }, who);
    await engine.jobs.drain();
    const before = await stored();
    refused(await submit(base, '/reasons?/relabel', { return_id, sku: 'SHOE', reason_code: 'nonsense' }, cookie), 400, "'nonsense' is not a return reason code");
    refused(await submit(base, '/reasons?/relabel', { return_id, sku: 'SOCK', reason_code: 'style' }, cookie), 400, `return line '${return_id}/SOCK' was not found`);
    refused(await submit(base, '/reasons?/relabel', { return_id: 'RMA-NOPE', sku: 'SHOE', reason_code: 'style' }, cookie), 400, "return line 'RMA-NOPE/SHOE' was not found");
    expect(await stored()).toEqual(before);
  });

  it('refuses a received weight or a recovered value that is not a number, leaving the return as it was', async () => {
    const { return_id } = await engine.returns.requestReturn(tenantId, { order_id: 'D-2', lines: [{ sku: 'SHOE', quantity: 1 }] }, who);
    await engine.returns.transition(tenantId, return_id, 'approve', {}, who);
    await engine.jobs.drain();
    const path = `/returns/${return_id}`;
    let before = await stored();
    refused(await submit(base, `${path}?/receive`, { received_qty_SHOE: '1', received_weight_SHOE: 'heavy' }, cookie), 400, "weight (kg) of SHOE must be a number, got 'heavy'");
    expect(await stored()).toEqual(before);
    expect(await engine.returns.getReturn(tenantId, return_id)).toMatchObject({ status: 'approved', lines: [{ received_quantity: null, received_weight_kg: null }] });

    await engine.returns.transition(tenantId, return_id, 'receive', {}, who);
    await engine.jobs.drain();
    before = await stored();
    refused(
      await submit(base, `${path}?/inspect`, { condition_SHOE: 'good', disposition_SHOE: 'restock', recovered_SHOE: 'lots' }, cookie),
      400,
      "value recovered for SHOE must be a number, got 'lots'",
    );
    // Notations Number() would read as other amounts: hexadecimal, exponents.
    for (const written of ['0x10', '1e3']) {
      refused(
        await submit(base, `${path}?/inspect`, { condition_SHOE: 'good', disposition_SHOE: 'restock', recovered_SHOE: written }, cookie),
        400,
        `value recovered for SHOE must be a number, got '${written}'`,
      );
    }
    expect(await stored()).toEqual(before);
    expect(await engine.returns.getReturn(tenantId, return_id)).toMatchObject({ status: 'received', lines: [{ condition: null, disposition: null }] });
  });
});
