import type { Engine } from '@rebound/engine';

/** Everything the rules page shows: the active set, suggestions with backtests, recent decisions. */
export async function rulesPage(engine: Engine, tenantId: string) {
  const [active, suggestions, decisions] = await Promise.all([engine.rules.getActive(tenantId), engine.rules.suggest(tenantId), engine.rules.decisionLog(tenantId, 20)]);
  return { active, suggestions, decisions, vocabulary: engine.rules.vocabulary() };
}


/** Validates and activates a rule set given as JSON text. */
export function saveRules(engine: Engine, tenantId: string, json: unknown) {
  return engine.rules.setRuleSet(tenantId, json, 'dashboard');
}

/** Backtests a rule set given as JSON over the history. */
export function backtestRules(engine: Engine, tenantId: string, json: unknown) {
  return engine.rules.backtest(tenantId, json);
}
