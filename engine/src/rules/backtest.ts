import type { Store } from '../db/connection';
import type { KpisService } from '../kpis/kpis.service';
import { orderedRules } from './decide';
import { requestMonthsOf, returnFactsSql } from './return-facts';
import type { Outcome, RuleSet } from './schema';
import { decidingRuleSql, factsUsed } from './to-sql';

/** What a rule (or the whole set) would have done over history. */
export interface BacktestFigures {
  returns_matched: number;
  auto_approved: number;
  declined: number;
  kept_without_return: number;
  require_inspection: number;
  review: number;
  /** Refunds paid on keep_it decisions, with no item back to inspect. */
  refund_value_without_inspection: number;
  fraud_flagged: number;
  /** Of the fraud-flagged returns (score >= 0.5), the share the rules would have let through (approve, keep_it, inspection). */
  fraud_flagged_approved_share: number | null;
  /** keep_it only: shipping and processing avoided minus the value the returned item would have recovered. */
  estimated_cost_saved: number;
}

/** A backtest report: per rule in evaluation order, the review bucket, and the total. */
export interface BacktestReport {
  window: { from: string | null; to: string | null };
  returns: number;
  per_rule: (BacktestFigures & { name: string; priority: number; outcome: Outcome['type'] })[];
  no_match: BacktestFigures;
  total: BacktestFigures;
}

const FRAUD_FLAG = 0.5;

function figures(outcome: Outcome['type'] | 'none', g: { n: number; value: number; flagged: number; saving: number }): BacktestFigures {
  const passes = outcome === 'approve' || outcome === 'keep_it' || outcome === 'require_inspection';
  return {
    returns_matched: outcome === 'none' ? 0 : g.n,
    auto_approved: outcome === 'approve' ? g.n : 0,
    declined: outcome === 'decline' ? g.n : 0,
    kept_without_return: outcome === 'keep_it' ? g.n : 0,
    require_inspection: outcome === 'require_inspection' ? g.n : 0,
    review: outcome === 'review' || outcome === 'none' ? g.n : 0,
    refund_value_without_inspection: outcome === 'keep_it' ? round(g.value) : 0,
    fraud_flagged: g.flagged,
    fraud_flagged_approved_share: g.flagged ? (passes ? 1 : 0) : null,
    estimated_cost_saved: outcome === 'keep_it' ? round(g.saving) : 0,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Runs a rule set over a tenant's history in SQL: the same rule JSON as the live decision, compiled to a CASE
 * over one row of facts per return, so a million returns take a second or two, not a JavaScript loop.
 */
export async function backtestRuleSet(store: Store, kpis: KpisService, tenantId: string, set: RuleSet, window: { from?: string; to?: string } = {}): Promise<BacktestReport> {
  await kpis.ready();
  const rules = orderedRules(set);
  const only = new Set([...factsUsed(set), 'line_value', 'fraud_score']);
  // The 90-day KPIs as they stood before each return's month, not today's (see return-facts.ts).
  const requestMonths = [...only].some((f) => f.endsWith('_90d')) ? await requestMonthsOf(store, tenantId, window) : undefined;
  const rows = await store.query<{ rule_index: number; n: number; value: number; flagged: number; saving: number }>(
    `with facts as (${returnFactsSql(kpis, tenantId, { ...window, only, requestMonths })}),
          decided as (select *, ${decidingRuleSql(set)} as rule_index from facts)
     select rule_index, count(*) as n, coalesce(sum(line_value), 0)::double as value,
            count(*) filter (where fraud_score >= ${FRAUD_FLAG}) as flagged,
            coalesce(sum(return_cost - recovered_value), 0)::double as saving
     from decided group by rule_index`,
  );
  const byIndex = new Map(rows.map((r) => [Number(r.rule_index), { n: Number(r.n), value: Number(r.value), flagged: Number(r.flagged), saving: Number(r.saving) }]));
  const empty = { n: 0, value: 0, flagged: 0, saving: 0 };
  const perRule = rules.map((rule, i) => ({ name: rule.name, priority: rule.priority, outcome: rule.outcome.type, ...figures(rule.outcome.type, byIndex.get(i + 1) ?? empty) }));
  const noMatch = figures('none', byIndex.get(0) ?? empty);
  const all = [...perRule, noMatch];
  const sum = (k: keyof BacktestFigures) => round(all.reduce((s, r) => s + ((r[k] as number | null) ?? 0), 0));
  const flagged = sum('fraud_flagged');
  const flaggedPassed = perRule.reduce((s, r) => s + (r.fraud_flagged_approved_share ? r.fraud_flagged : 0), 0);
  return {
    window: { from: window.from ?? null, to: window.to ?? null },
    returns: rows.reduce((s, r) => s + Number(r.n), 0),
    per_rule: perRule,
    no_match: noMatch,
    total: {
      returns_matched: sum('returns_matched'),
      auto_approved: sum('auto_approved'),
      declined: sum('declined'),
      kept_without_return: sum('kept_without_return'),
      require_inspection: sum('require_inspection'),
      review: sum('review'),
      refund_value_without_inspection: sum('refund_value_without_inspection'),
      fraud_flagged: flagged,
      fraud_flagged_approved_share: flagged ? round(flaggedPassed / flagged) : null,
      estimated_cost_saved: sum('estimated_cost_saved'),
    },
  };
}
