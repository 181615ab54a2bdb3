/**
 * Auto-approval rules: live decisions per second with a 20-rule set (our compiled decision beside
 * json-rules-engine on the same facts), and a backtest of the same set over N historical returns in SQL beside
 * json-rules-engine evaluating the rules row by row in JavaScript (on the first 100k rows, scaled to N).
 */
import { Engine as JsonRulesEngine } from 'json-rules-engine';
import { engineInTempDir } from '@rebound/engine/testing';
import { compileRuleSet, orderedRules } from '../engine/src/rules/decide';
import { returnFactsSql } from '../engine/src/rules/return-facts';
import type { Facts } from '../engine/src/rules/facts';
import type { RuleSet } from '../engine/src/rules/schema';
import type { BenchRow } from './table';

const RETURNS = Number(process.env.BENCH_RULES_RETURNS ?? 1_000_000);
const JS_ROWS = 100_000;

function twentyRules(): RuleSet {
  const rules = [];
  for (let i = 0; i < 20; i++) {
    rules.push({
      name: `rule ${i}`,
      priority: 20 - i,
      enabled: true,
      conditions: {
        all: [
          { fact: 'line_value', operator: i % 2 ? 'lessThan' : 'greaterThanInclusive', value: 20 + i * 9 },
          { fact: 'category', operator: 'in', value: [['apparel', 'footwear', 'electronics', 'home', 'beauty'][i % 5]] },
          { any: [{ fact: 'fraud_score', operator: 'lessThan', value: 0.5 }, { fact: 'reason_code', operator: 'equal', value: 'defective' }] },
        ],
      },
      outcome: { type: (['approve', 'keep_it', 'review', 'require_inspection'] as const)[i % 4] },
    });
  }
  return { rules } as RuleSet;
}

export default async function rulesBench(): Promise<BenchRow[]> {
  const set = twentyRules();
  const cats = ['apparel', 'footwear', 'electronics', 'home', 'beauty'];
  const sample: Facts[] = Array.from({ length: 50_000 }, (_, i) => ({ line_value: (i * 37) % 400, category: cats[i % 5], fraud_score: (i % 10) / 10, reason_code: i % 3 ? 'size_too_small' : 'defective' }));
  const decide = compileRuleSet(set);
  let t = performance.now();
  for (let r = 0; r < 4; r++) for (const f of sample) decide(f);
  const ours = (sample.length * 4) / ((performance.now() - t) / 1000);
  const jre = new JsonRulesEngine([], { allowUndefinedFacts: true });
  orderedRules(set).forEach((rule) => jre.addRule({ conditions: rule.conditions as never, event: { type: rule.name }, priority: rule.priority }));
  t = performance.now();
  for (const f of sample.slice(0, 10_000)) await jre.run({ ...f });
  const reference = 10_000 / ((performance.now() - t) / 1000);

  const { engine, cleanup } = await engineInTempDir('rebound-bench-rules-');
  try {
    const { tenant } = await engine.tenants.createTenant({ name: 'Bench', currency: 'USD' });
    await engine.store.withConnection(async (c) => {
      const tt = `'${tenant.id}'`;
      await c.run(`insert into orders select ${tt}, 'O' || i, timestamptz '2025-01-01' + (i % 365) * interval 1 day, null, 'C' || (i % 200000), 'USD', 'web', 'bench', now(), now() from range(${RETURNS}) t(i)`);
      await c.run(`insert into order_lines select ${tt}, 'O' || i, '1', 'SKU' || (i % 3000), null, ['apparel','footwear','electronics','home','beauty'][(1 + i % 5)::int], 1, 5 + i % 400, 0.5, null, false from range(${RETURNS}) t(i)`);
      await c.run(`insert into returns (tenant_id, id, order_id, customer_id, status, source, requested_at, version, updated_at, fraud_score)
                   select ${tt}, 'R' || i, 'O' || i, 'C' || (i % 200000), 'resolved', 'bench', timestamptz '2025-01-11' + (i % 365) * interval 1 day, 1, now(), (i % 10) / 10 from range(${RETURNS}) t(i)`);
      await c.run(`insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity, reason_code, shipping_cost, processing_cost)
                   select ${tt}, 'R' || i, 'O' || i, '1', 'SKU' || (i % 3000), 1, case when i % 3 = 0 then 'defective' else 'size_too_small' end, 6, 2 from range(${RETURNS}) t(i)`);
    });
    await engine.kpis.refresh({ runTests: false });
    // Seconds of a second backtest of a set (the first one warms the marts and caches), optionally behind one more rule.
    const backtestSeconds = async (first?: RuleSet['rules'][number]) => {
      const timed = { rules: first ? [first, ...set.rules] : set.rules } as RuleSet;
      await engine.rules.backtest(tenant.id, timed);
      const started = performance.now();
      await engine.rules.backtest(tenant.id, timed);
      return (performance.now() - started) / 1000;
    };
    const backtest = await backtestSeconds();
    // The same set behind a rule on the customer's history as of each request (the costliest facts to compute).
    const backtestCustomer = await backtestSeconds(
      { name: 'review serial returners', priority: 30, enabled: true, conditions: { all: [{ fact: 'customer_return_rate', operator: 'greaterThan', value: 0.6 }] }, outcome: { type: 'review' } } as RuleSet['rules'][number],
    );
    // The same set behind a rule on the SKU's 90-day return rate: one pass over the marts per month of history
    // (the returns span 12 months), each return reading the 90 days before its month.
    const backtestSku = await backtestSeconds(
      { name: 'inspect often returned SKUs', priority: 30, enabled: true, conditions: { all: [{ fact: 'sku_return_rate_90d', operator: 'greaterThan', value: 0.9 }] }, outcome: { type: 'require_inspection' } } as RuleSet['rules'][number],
    );
    const rows = await engine.store.query<Facts>(`select * from (${returnFactsSql(engine.kpis, tenant.id)}) limit ${JS_ROWS}`);
    t = performance.now();
    for (const f of rows) await jre.run({ ...f });
    const jsRows = ((performance.now() - t) / 1000) * (RETURNS / rows.length);
    const n = RETURNS.toLocaleString('en-US');
    return [
      { benchmark: 'rules', metric: 'live decisions, 20 rules', unit: 'decisions/s', value: ours, baseline: reference, baselineName: 'json-rules-engine', target: '>= 50,000' },
      { benchmark: 'rules', metric: `backtest of 20 rules over ${n} returns`, unit: 's', value: backtest, baseline: jsRows, baselineName: 'json-rules-engine row by row (scaled from 100k)', target: '< 2 s' },
      { benchmark: 'rules', metric: `the same plus a customer_return_rate rule (history as of each request)`, unit: 's', value: backtestCustomer, baseline: jsRows, baselineName: 'json-rules-engine row by row (scaled from 100k)' },
      { benchmark: 'rules', metric: `the same plus a sku_return_rate_90d rule (a marts window per month of history)`, unit: 's', value: backtestSku, baseline: jsRows, baselineName: 'json-rules-engine row by row (scaled from 100k)' },
    ];
  } finally {
    await cleanup();
  }
}
