import { ruleVocabulary, type VocabularyEntry } from './vocabulary';
import type { Store } from '../db/connection';
import { appendEvent } from '../events/events.repository';
import type { KpisService } from '../kpis/kpis.service';
import type { ReturnsService } from '../returns/returns.service';
import { InvalidInputError, NotFoundError } from '../shared/errors';
import { parseIsoTimestamp } from '../shared/timestamps';
import { backtestRuleSet, type BacktestReport } from './backtest';
import { compileRuleSet, type Decision } from './decide';
import { FACTS, type Facts } from './facts';
import { returnFactsSql } from './return-facts';
import * as repo from './rules.repository';
import { parseRuleSet, type RuleSet } from './schema';
import { suggestRules, type Suggestion } from './suggest';

/** The active rule set of a tenant with its version. */
export interface ActiveRuleSet extends RuleSet {
  version: number;
  created_at: string;
  created_by: string;
}

/** Merchants' auto-approval rules: saving versions, deciding live, backtesting over history. */
export class RulesService {
  private readonly compiled = new Map<string, { version: number; decide: (f: Facts) => Decision }>();

  constructor(
    private readonly store: Store,
    private readonly kpis: KpisService,
    private readonly returns: ReturnsService,
  ) {}

  /** The facts and operators a rule may use, for the editor's reference. */
  vocabulary(): VocabularyEntry[] {
    return ruleVocabulary();
  }

  /** Validates and activates a rule set as a new version (all or nothing); returns the version. */
  async setRuleSet(tenantId: string, input: unknown, actor: string): Promise<ActiveRuleSet> {
    const set = parseRuleSet(input);
    await this.store.db.transaction().execute(async (trx) => {
      const current = await repo.findActiveRuleSet(trx, tenantId);
      const before = current ? (typeof current.rules === 'string' ? JSON.parse(current.rules) : current.rules) as RuleSet : { rules: [] };
      const version = (current?.version ?? 0) + 1;
      const summary = summariseChange(before, set);
      await repo.insertRuleSetVersion(trx, tenantId, { version, rules: JSON.stringify(set), created_by: actor, change_summary: summary, at: new Date() });
      await appendEvent(trx, { tenantId, entityType: 'rules', entityId: String(version), type: 'rules.activated', actor, occurredAt: new Date(), reason: summary, payload: set });
    });
    this.compiled.delete(tenantId);
    return (await this.getActive(tenantId))!;
  }

  /** The active rule set, or null when the tenant has none. */
  async getActive(tenantId: string): Promise<ActiveRuleSet | null> {
    const row = await repo.findActiveRuleSet(this.store.db, tenantId);
    if (!row) return null;
    const set = (typeof row.rules === 'string' ? JSON.parse(row.rules) : row.rules) as RuleSet;
    return { version: row.version, created_at: new Date(row.created_at).toISOString(), created_by: row.created_by, rules: set.rules };
  }

  /** Every version with who saved it, when, and what changed. */
  async history(tenantId: string): Promise<{ version: number; created_at: string; created_by: string; change_summary: string }[]> {
    return (await repo.listRuleSetVersions(this.store.db, tenantId)).map((r) => ({
      version: r.version,
      created_at: new Date(r.created_at).toISOString(),
      created_by: r.created_by,
      change_summary: r.change_summary,
    }));
  }

  /** The facts of one return as the rules see them. */
  async factsOf(tenantId: string, returnId: string): Promise<Facts> {
    await this.kpis.ready();
    const [row] = await this.store.query<Record<string, unknown>>(returnFactsSql(this.kpis, tenantId, { returnId }));
    if (!row) throw new NotFoundError('return', returnId);
    return Object.fromEntries(Object.keys(FACTS).map((k) => [k, (row[k] as number | string | null) ?? null]));
  }

  /**
   * Decides a requested return by the active rules and applies the outcome through the lifecycle; the decision,
   * the rule, the rule-set version and the facts seen go to the return's event log. Safe to run again.
   */
  async decideReturn(tenantId: string, returnId: string): Promise<(Decision & { version: number }) | null> {
    const active = await this.getActive(tenantId);
    if (!active) return null;
    const ret = await this.returns.getReturn(tenantId, returnId, { timeline: true });
    if (ret.status !== 'requested') return null;
    // A retry after the decision was logged but before it moved the return (a killed worker) applies the logged one.
    const logged = ret.timeline!.find((e) => e.type === 'return.decided')?.payload as (Decision & { version: number }) | undefined;
    let decision: Decision & { version: number };
    if (logged) decision = logged;
    else {
      let entry = this.compiled.get(tenantId);
      if (!entry || entry.version !== active.version) this.compiled.set(tenantId, (entry = { version: active.version, decide: compileRuleSet(active) }));
      const facts = await this.factsOf(tenantId, returnId);
      decision = { ...entry.decide(facts), version: active.version };
      await this.store.db.transaction().execute((trx) =>
        appendEvent(trx, { tenantId, entityType: 'return', entityId: returnId, type: 'return.decided', actor: 'rules', occurredAt: new Date(), reason: decision.rule, payload: { ...decision, facts } }),
      );
    }
    const who = { actor: `rules:v${decision.version}${decision.rule ? `:${decision.rule}` : ''}`, source: 'rules' };
    const o = decision.outcome;
    if (o.type === 'approve') await this.returns.transition(tenantId, returnId, 'approve', {}, who);
    if (o.type === 'require_inspection') await this.returns.transition(tenantId, returnId, 'approve', { note: 'inspection required before refund' }, who);
    if (o.type === 'decline') await this.returns.transition(tenantId, returnId, 'decline', { reason: o.reason }, who);
    if (o.type === 'keep_it') await this.returns.transition(tenantId, returnId, 'resolve', { resolution: 'keep_it' }, who);
    return { outcome: decision.outcome, rule: decision.rule, version: decision.version };
  }

  /** What a rule set (or the active one) would have done over the tenant's history in a window. */
  async backtest(tenantId: string, input: unknown | undefined, window: { from?: string; to?: string } = {}): Promise<BacktestReport> {
    const set = input === undefined ? await this.getActive(tenantId) : parseRuleSet(input);
    if (!set) throw new InvalidInputError('there is no active rule set to backtest: give one');
    for (const [name, value] of Object.entries(window)) {
      if (value && !parseIsoTimestamp(value)) throw new InvalidInputError(`${name} '${value}' is not an ISO 8601 date such as 2026-05-01`);
    }
    return backtestRuleSet(this.store, this.kpis, tenantId, set, window);
  }

  /** Rules proposed from the tenant's KPIs, each with its backtest. */
  async suggest(tenantId: string): Promise<Suggestion[]> {
    await this.kpis.ready();
    return suggestRules(this.store, this.kpis, tenantId);
  }

  /** Decisions logged for the tenant's returns, newest first. */
  async decisionLog(tenantId: string, limit = 50): Promise<unknown[]> {
    const rows = await this.store.query<{ entity_id: string; occurred_at: Date; payload: string }>(
      `select entity_id, occurred_at, payload from events where tenant_id = $1 and type = 'return.decided' order by seq desc limit ${Math.min(Math.max(limit, 1), 500)}`,
      [tenantId],
    );
    return rows.map((r) => ({ return_id: r.entity_id, decided_at: new Date(r.occurred_at).toISOString(), ...(JSON.parse(r.payload) as object) }));
  }
}

function summariseChange(before: RuleSet, after: RuleSet): string {
  const names = (s: RuleSet) => new Map(s.rules.map((r) => [r.name, JSON.stringify(r)]));
  const b = names(before);
  const a = names(after);
  const added = [...a.keys()].filter((n) => !b.has(n));
  const removed = [...b.keys()].filter((n) => !a.has(n));
  const changed = [...a.keys()].filter((n) => b.has(n) && b.get(n) !== a.get(n));
  const parts = [added.length && `added ${added.join(', ')}`, removed.length && `removed ${removed.join(', ')}`, changed.length && `changed ${changed.join(', ')}`].filter(Boolean);
  return parts.length ? parts.join('; ') : 'no change';
}

