import { RULE_FACTS, RULE_OPERATORS, type Engine } from '@rebound/engine';

/** Everything the rules page shows: the active set, suggestions with backtests, recent decisions. */
export async function rulesPage(engine: Engine, tenantId: string) {
  const [active, suggestions, decisions] = await Promise.all([engine.rules.getActive(tenantId), engine.rules.suggest(tenantId), engine.rules.decisionLog(tenantId, 20)]);
  return { active, suggestions, decisions, vocabulary: ruleVocabulary() };
}

const OPERATORS_FOR: Record<string, string[]> = { any: ['number', 'string'], number: ['number'], list: ['number', 'string'], member: ['list'] };

/** The facts a rule may test, each with its meaning and the operators that apply to its type (the editor's reference). */
export function ruleVocabulary(): { fact: string; type: string; description: string; operators: string[] }[] {
  return Object.entries(RULE_FACTS).map(([fact, { type, description }]) => ({
    fact,
    type,
    description,
    operators: Object.entries(RULE_OPERATORS)
      .filter(([, kind]) => OPERATORS_FOR[kind].includes(type))
      .map(([op]) => op),
  }));
}

/** Validates and activates a rule set given as JSON text. */
export function saveRules(engine: Engine, tenantId: string, json: unknown) {
  return engine.rules.setRuleSet(tenantId, json, 'dashboard');
}

/** Backtests a rule set given as JSON over the history. */
export function backtestRules(engine: Engine, tenantId: string, json: unknown) {
  return engine.rules.backtest(tenantId, json);
}
