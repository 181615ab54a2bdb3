import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { loadContractStore } from '../kpis/fixtures/load-contract-store';
import { engineInTempDir } from '../testing/temp-store';
import { requestMonthsOf, returnFactsSql } from './return-facts';
import { parseRuleSet } from './schema';
import { decidingRuleSql, factsUsed } from './to-sql';

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;
const who = { actor: 'test' };

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-rules-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Rules', currency: 'EUR' })).tenant.id;
  await loadContractStore(engine.store, tenantId);
  await engine.kpis.refresh();
});
afterAll(() => cleanup());

const cheapKeepIt = {
  rules: [
    { name: 'keep cheap items', priority: 10, enabled: true, conditions: { all: [{ fact: 'line_value', operator: 'lessThan', value: 40 }] }, outcome: { type: 'keep_it' } },
    { name: 'decline electronics', priority: 5, enabled: true, conditions: { all: [{ fact: 'category', operator: 'equal', value: 'electronics' }] }, outcome: { type: 'decline', reason: 'electronics go to the manufacturer' } },
    { name: 'approve the rest of apparel', priority: 1, enabled: true, conditions: { any: [{ fact: 'category', operator: 'in', value: ['apparel'] }] }, outcome: { type: 'approve' } },
  ],
};

describe('backtesting a rule set over history', () => {
  it('reports per rule and in total what the rules would have done', async () => {
    const report = await engine.rules.backtest(tenantId, cheapKeepIt);
    expect(report.returns).toBe(5);
    // Q-4 vase 35 and Q-5 cap 15 are cheap; Q-2 speaker is electronics; Q-1 hoodie 60 is apparel; Q-3 boots fall through.
    expect(report.per_rule.map((r) => [r.name, r.returns_matched])).toEqual([
      ['keep cheap items', 2],
      ['decline electronics', 1],
      ['approve the rest of apparel', 1],
    ]);
    expect(report.per_rule[0]).toMatchObject({ kept_without_return: 2, refund_value_without_inspection: 50 });
    // keep_it saves shipping + processing (Q-4: 0 + 1, Q-5: 4.5 + 1) minus value recovered (Q-5: 9).
    expect(report.per_rule[0].estimated_cost_saved).toBe(-2.5);
    expect(report.total).toMatchObject({ auto_approved: 1, declined: 1, kept_without_return: 2, review: 1, fraud_flagged: 0, fraud_flagged_approved_share: null });
  });

  it('gives the same answer with only the facts a rule set uses as with every fact', async () => {
    const set = parseRuleSet({
      rules: [
        { name: 'loyal customers', priority: 3, enabled: true, conditions: { all: [{ fact: 'customer_orders', operator: 'greaterThanInclusive', value: 1 }, { fact: 'order_value', operator: 'lessThan', value: 100 }] }, outcome: { type: 'approve' } },
        { name: 'merchant fault', priority: 2, enabled: true, conditions: { any: [{ fact: 'fault_bucket', operator: 'equal', value: 'merchant' }, { fact: 'sku_return_rate_90d', operator: 'greaterThan', value: 0 }] }, outcome: { type: 'keep_it' } },
      ],
    });
    const pruned = await engine.rules.backtest(tenantId, set);
    const all = await engine.store.query<{ rule_index: number; n: number }>(
      `select ${decidingRuleSql(set)} as rule_index, count(*)::int as n
       from (${returnFactsSql(engine.kpis, tenantId, { requestMonths: await requestMonthsOf(engine.store, tenantId) })}) group by 1 order by 1`,
    );
    const expected = [pruned.no_match.review, ...pruned.per_rule.map((r) => r.returns_matched)];
    expect(all.reduce((acc, r) => ((acc[Number(r.rule_index)] = Number(r.n)), acc), [0, 0, 0])).toEqual(expected);
    expect(factsUsed(set)).toEqual(new Set(['customer_orders', 'order_value', 'fault_bucket', 'sku_return_rate_90d']));
  });

  it("reads the 90-day SKU and category KPIs as they stood before each return's month, not today's", async () => {
    const seasons = (await engine.tenants.createTenant({ name: 'Seasons', currency: 'EUR' })).tenant.id;
    const order = (id: string, at: string) =>
      engine.orders.createOrder(seasons, { order_id: id, ordered_at: at, customer: { id: `c-${id}` }, lines: [{ sku: 'PARKA', category: 'outerwear', quantity: 1, unit_price: 100 }] });
    const returned = async (id: string, orderId: string, at: string) => {
      await engine.store.query(
        `insert into returns (tenant_id, id, order_id, customer_id, status, source, requested_at, version, updated_at) values ($1, $2, $3, $4, 'requested', 'import', $5::timestamptz, 1, now())`,
        [seasons, id, orderId, `c-${orderId}`, at],
      );
      await engine.store.query(
        `insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity) select $1, $2, $3, line_id, sku, 1 from order_lines where tenant_id = $1 and order_id = $3`,
        [seasons, id, orderId],
      );
    };
    // January: 10 parkas sold, 8 back. March: one more sold and returned.
    for (let i = 1; i <= 10; i++) {
      await order(`JAN-${i}`, '2025-01-05T10:00:00Z');
      if (i <= 8) await returned(`RJ-${i}`, `JAN-${i}`, '2025-01-20T10:00:00Z');
    }
    await order('MAR-1', '2025-03-01T10:00:00Z');
    await returned('RM-1', 'MAR-1', '2025-03-15T10:00:00Z');
    await engine.kpis.refresh({ runTests: false });
    for (const fact of ['sku_return_rate_90d', 'category_return_rate_90d']) {
      const set = parseRuleSet({ rules: [{ name: 'often returned', priority: 1, enabled: true, conditions: { all: [{ fact, operator: 'greaterThan', value: 0.5 }] }, outcome: { type: 'decline', reason: 'returned too often' } }] });
      const report = await engine.rules.backtest(seasons, set);
      // The March return sees January's cohort (8 of 10 back); January's returns see the quiet autumn before them.
      // Today's 90 days hold none of it, and would have let every one through to review.
      expect([fact, report.total.declined, report.total.review]).toEqual([fact, 1, 8]);
    }
    const [march] = await engine.store.query<{ sku: number; category: number }>(
      `select sku_return_rate_90d as sku, category_return_rate_90d as category
       from (${returnFactsSql(engine.kpis, seasons, { requestMonths: await requestMonthsOf(engine.store, seasons) })}) where return_id = 'RM-1'`,
    );
    expect(march).toEqual({ sku: 0.8, category: 0.8 });
  });

  it('limits the backtest to a window of request dates', async () => {
    const report = await engine.rules.backtest(tenantId, cheapKeepIt, { from: '2026-05-14', to: '2026-05-16' });
    expect(report.returns).toBe(2);
  });

  it('refuses an invalid rule set without saving it', async () => {
    await expect(engine.rules.setRuleSet(tenantId, { rules: [{ ...cheapKeepIt.rules[0], conditions: { all: [{ fact: 'mood', operator: 'equal', value: 'bad' }] } }] }, 'test')).rejects.toThrow(/unknown fact 'mood'/);
    expect(await engine.rules.getActive(tenantId)).toBeNull();
  });
});

describe('deciding live', () => {
  it('decides a new return by the active rules, applies the outcome and logs the decision with its facts', async () => {
    const v1 = await engine.rules.setRuleSet(tenantId, cheapKeepIt, 'test');
    expect(v1.version).toBe(1);
    await engine.orders.createOrder(tenantId, { order_id: 'L-1', ordered_at: new Date().toISOString(), customer: { id: 'K-7' }, lines: [{ sku: 'SOCKS', category: 'apparel', quantity: 1, unit_price: 9 }, { sku: 'EARBUDS', category: 'electronics', quantity: 1, unit_price: 99 }] });
    const cheap = await engine.returns.requestReturn(tenantId, { order_id: 'L-1', lines: [{ sku: 'SOCKS', quantity: 1, reason_text: 'too small' }] }, who);
    const pricey = await engine.returns.requestReturn(tenantId, { order_id: 'L-1', lines: [{ sku: 'EARBUDS', quantity: 1, reason_text: 'stopped working' }] }, who);
    await engine.jobs.drain();
    const kept = await engine.returns.getReturn(tenantId, cheap.return_id, { timeline: true });
    expect(kept).toMatchObject({ status: 'resolved', resolution: 'keep_it' });
    const decided = kept.timeline!.find((e) => e.type === 'return.decided')!;
    expect(decided.payload).toMatchObject({ rule: 'keep cheap items', version: 1, outcome: { type: 'keep_it' }, facts: { line_value: 9, category: 'apparel', reason_code: 'size_too_small', fraud_signal_wardrobing: 0 } });
    const declined = await engine.returns.getReturn(tenantId, pricey.return_id);
    expect(declined).toMatchObject({ status: 'declined', decline_reason: 'electronics go to the manufacturer' });
    expect((await engine.rules.decisionLog(tenantId)).length).toBe(2);
  });

  it('keeps every version with who changed what', async () => {
    await engine.rules.setRuleSet(tenantId, { rules: cheapKeepIt.rules.slice(1) }, 'api:rbk_abc');
    const history = await engine.rules.history(tenantId);
    expect(history.map((h) => [h.version, h.created_by, h.change_summary])).toEqual([
      [2, 'api:rbk_abc', 'removed keep cheap items'],
      [1, 'test', 'added keep cheap items, decline electronics, approve the rest of apparel'],
    ]);
  });
});

describe('facts', () => {
  it('exposes each fired fraud signal as a fact', async () => {
    await engine.store.query(`update returns set fraud_score = 0.6, fraud_signals = '[{"signal": "light_box", "contribution": 0.6, "evidence": {}}]' where tenant_id = $1 and id = 'Q-2'`, [tenantId]);
    const facts = await engine.rules.factsOf(tenantId, 'Q-2');
    expect(facts).toMatchObject({ fraud_score: 0.6, fraud_signal_light_box: 1, fraud_signal_wardrobing: 0, fraud_signals: ['light_box'], category: 'electronics', line_value: 89 });
    expect((await engine.rules.factsOf(tenantId, 'Q-1')).fraud_signals).toEqual([]);
    const byList = await engine.rules.backtest(tenantId, { rules: [{ name: 'light boxes', priority: 1, enabled: true, conditions: { all: [{ fact: 'fraud_signals', operator: 'contains', value: 'light_box' }] }, outcome: { type: 'require_inspection' } }] });
    expect(byList.per_rule[0]).toMatchObject({ returns_matched: 1, fraud_flagged: 1, fraud_flagged_approved_share: 1 });
  });
});

describe('suggestions', () => {
  it('proposes valid rules from the KPIs, each with a backtest', async () => {
    const suggestions = await engine.rules.suggest(tenantId);
    expect(suggestions.length).toBeGreaterThanOrEqual(1);
    for (const s of suggestions) {
      expect(() => parseRuleSet({ rules: [s.rule] })).not.toThrow();
      expect(s.backtest).toHaveProperty('returns_matched');
      expect(s.why.length).toBeGreaterThan(10);
    }
  });
});
