import type { Store } from '../db/connection';
import type { KpisService } from '../kpis/kpis.service';
import { backtestRuleSet, type BacktestReport } from './backtest';
import type { Rule } from './schema';

/** A proposed rule, why it is proposed, and what it would have done. */
export interface Suggestion {
  rule: Rule;
  why: string;
  backtest: BacktestReport['total'];
}

/**
 * Proposes rules from the tenant's KPIs over the last 90 days (the marts), each backtested over that window:
 * a returnless refund where a return costs more than the item, inspection for categories returned far more
 * often than the rest, and approval of low-risk returns the merchant is at fault for.
 */
export async function suggestRules(store: Store, kpis: KpisService, tenantId: string, now = new Date()): Promise<Suggestion[]> {
  const window = { from: new Date(now.getTime() - 90 * 86_400_000).toISOString(), to: now.toISOString() };
  const overall = await kpis.kpis(tenantId, window);
  const byCategory = await kpis.breakdown(tenantId, 'return_rate_units', 'category', window);
  const rules: { rule: Rule; why: string }[] = [];
  if (overall.cost_per_return !== null && overall.cost_per_return > 0) {
    const threshold = Math.round(overall.cost_per_return * 100) / 100;
    rules.push({
      rule: { name: 'refund without return when returning costs more than the item', priority: 30, enabled: true, conditions: { all: [{ fact: 'line_value', operator: 'lessThan', value: threshold }, { fact: 'fraud_score', operator: 'lessThan', value: 0.5 }] }, outcome: { type: 'keep_it' } },
      why: `a return costs ${threshold} on average (shipping and processing, last 90 days): below that value, taking the item back loses money`,
    });
  }
  const average = overall.return_rate_units;
  for (const row of byCategory) {
    if (average === null || row.kpi === null || row.value === null || row.kpi < 2 * average) continue;
    rules.push({
      rule: { name: `inspect ${row.value} returns with risk signals`, priority: 20, enabled: true, conditions: { all: [{ fact: 'category', operator: 'equal', value: row.value }, { fact: 'fraud_score', operator: 'greaterThanInclusive', value: 0.3 }] }, outcome: { type: 'require_inspection' } },
      why: `${row.value} comes back ${(row.kpi * 100).toFixed(1)}% of the time against ${(average * 100).toFixed(1)}% overall`,
    });
  }
  rules.push({
    rule: { name: 'approve low-risk returns we are at fault for', priority: 10, enabled: true, conditions: { all: [{ fact: 'fault_bucket', operator: 'in', value: ['merchant', 'carrier'] }, { fact: 'fraud_score', operator: 'lessThan', value: 0.2 }] }, outcome: { type: 'approve' } },
    why: 'defects, wrong items and transit damage are ours to fix: approving them at once saves the customer a wait',
  });
  const out: Suggestion[] = [];
  for (const { rule, why } of rules) out.push({ rule, why, backtest: (await backtestRuleSet(store, kpis, tenantId, { rules: [rule] }, window)).total });
  return out;
}
