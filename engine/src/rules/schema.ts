import { InvalidInputError } from '../shared/errors';
import { FACTS, OPERATORS, type Operator } from './facts';

/** One comparison of a fact with a value. */
export interface Condition {
  fact: string;
  operator: Operator;
  value: number | string | (number | string)[];
}
/** A tree of conditions in json-rules-engine's format. */
export type ConditionTree = { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode };
export type ConditionNode = Condition | ConditionTree;

/** What a matching rule decides. */
export interface Outcome {
  type: 'approve' | 'decline' | 'review' | 'keep_it' | 'require_inspection';
  /** Shown to the customer when declining. */
  reason?: string;
  fee?: { kind: 'restocking' | 'return_shipping'; amount: number };
  store_credit_bonus?: number;
}

/** A rule of a merchant's rule set. */
export interface Rule {
  name: string;
  priority: number;
  enabled: boolean;
  conditions: ConditionTree;
  outcome: Outcome;
}

/** A rule set as stored and evaluated. */
export interface RuleSet {
  rules: Rule[];
}

const OUTCOMES = ['approve', 'decline', 'review', 'keep_it', 'require_inspection'];

/**
 * Validates a rule set, collecting every problem with the rule and condition it is in, and refusing them all at
 * once (nothing is saved half-valid). Sees unknown facts and operators, values of the wrong type, and
 * contradictions inside one `all` (x > 10 and x < 5; x = 'a' and x = 'b').
 */
export function parseRuleSet(input: unknown): RuleSet {
  const problems: string[] = [];
  if (!input || typeof input !== 'object' || !Array.isArray((input as RuleSet).rules)) {
    throw new InvalidInputError('a rule set is a JSON object {"rules": [...]}');
  }
  const rules = (input as RuleSet).rules;
  const names = new Set<string>();
  rules.forEach((rule, i) => {
    const label = `rule ${i + 1}${typeof rule?.name === 'string' ? ` '${rule.name}'` : ''}`;
    if (!rule || typeof rule !== 'object') return problems.push(`${label} is not an object`);
    if (typeof rule.name !== 'string' || !rule.name.trim()) problems.push(`${label} needs a name`);
    else if (names.has(rule.name)) problems.push(`${label}: another rule has the same name`);
    else names.add(rule.name);
    if (typeof rule.priority !== 'number' || !Number.isFinite(rule.priority)) problems.push(`${label}: priority must be a number`);
    if (typeof rule.enabled !== 'boolean') problems.push(`${label}: enabled must be true or false`);
    if (!rule.outcome || !OUTCOMES.includes(rule.outcome.type)) problems.push(`${label}: outcome.type must be one of ${OUTCOMES.join(', ')}`);
    else if (rule.outcome.type === 'decline' && !rule.outcome.reason?.trim()) problems.push(`${label}: a decline needs outcome.reason, shown to the customer`);
    if (rule.outcome?.fee && !(rule.outcome.fee.amount >= 0)) problems.push(`${label}: outcome.fee.amount must be >= 0`);
    checkTree(rule.conditions, label, 'conditions', problems);
  });
  if (problems.length) throw new InvalidInputError(`the rule set has problems, nothing was saved or run: ${problems.join('; ')}`, { problems });
  return { rules: rules.map((r) => ({ name: r.name, priority: r.priority, enabled: r.enabled, conditions: r.conditions, outcome: r.outcome })) };
}

function checkTree(node: unknown, label: string, path: string, problems: string[]): void {
  if (!node || typeof node !== 'object') return void problems.push(`${label}: ${path} must be {"all": [...]}, {"any": [...]} or {"not": {...}}`);
  const n = node as Record<string, unknown>;
  if ('all' in n || 'any' in n) {
    const key = 'all' in n ? 'all' : 'any';
    const list = n[key];
    if (!Array.isArray(list) || !list.length) return void problems.push(`${label}: ${path}.${key} must be a non-empty list`);
    list.forEach((child, i) => checkTree(child, label, `${path}.${key}[${i}]`, problems));
    if (key === 'all') findContradictions(list as ConditionNode[], label, path, problems);
    return;
  }
  if ('not' in n) return checkTree(n.not, label, `${path}.not`, problems);
  checkCondition(n, label, path, problems);
}

function checkCondition(c: Record<string, unknown>, label: string, path: string, problems: string[]): void {
  const where = `${label}, condition ${path}`;
  const fact = FACTS[c.fact as string];
  if (!fact) return void problems.push(`${where}: unknown fact '${String(c.fact)}' (facts: ${Object.keys(FACTS).join(', ')})`);
  const kind = OPERATORS[c.operator as Operator];
  if (!kind) return void problems.push(`${where}: unknown operator '${String(c.operator)}' (operators: ${Object.keys(OPERATORS).join(', ')})`);
  const value = c.value;
  if (kind === 'member' || fact.type === 'list') {
    if (kind !== 'member') problems.push(`${where}: ${c.fact} is a list of signal ids: test it with contains or doesNotContain, not ${c.operator}`);
    else if (fact.type !== 'list') problems.push(`${where}: ${c.operator} tests a list, but ${c.fact} is a ${fact.type}: use equal or in`);
    else if (typeof value !== 'string') problems.push(`${where}: ${c.fact} ${c.operator} needs a string, got ${JSON.stringify(value)}`);
  } else if (kind === 'number') {
    if (fact.type !== 'number') problems.push(`${where}: ${c.operator} compares numbers, but ${c.fact} is a ${fact.type}`);
    else if (typeof value !== 'number') problems.push(`${where}: ${c.fact} ${c.operator} needs a number, got ${JSON.stringify(value)}`);
  } else if (kind === 'list') {
    if (!Array.isArray(value) || value.some((v) => typeof v !== fact.type)) problems.push(`${where}: ${c.fact} ${c.operator} needs a list of ${fact.type}s, got ${JSON.stringify(value)}`);
  } else if (typeof value !== fact.type) {
    problems.push(`${where}: ${c.fact} is a ${fact.type}, but the value is ${JSON.stringify(value)}`);
  }
}

function findContradictions(list: ConditionNode[], label: string, path: string, problems: string[]): void {
  const leaves = list.filter((c): c is Condition => 'fact' in c && FACTS[c.fact] !== undefined);
  for (const fact of new Set(leaves.map((l) => l.fact))) {
    const on = leaves.filter((l) => l.fact === fact);
    let low = -Infinity;
    let high = Infinity;
    // Whether the tightest bound on each side excludes its own value (a looser strict bound says nothing).
    let lowStrict = false;
    let highStrict = false;
    const equals = new Set<unknown>();
    for (const c of on) {
      if (typeof c.value === 'number') {
        if (c.operator === 'greaterThan' || c.operator === 'greaterThanInclusive') {
          const strict = c.operator === 'greaterThan';
          if (c.value > low) [low, lowStrict] = [c.value, strict];
          else if (c.value === low) lowStrict ||= strict;
        }
        if (c.operator === 'lessThan' || c.operator === 'lessThanInclusive') {
          const strict = c.operator === 'lessThan';
          if (c.value < high) [high, highStrict] = [c.value, strict];
          else if (c.value === high) highStrict ||= strict;
        }
      }
      if (c.operator === 'equal') equals.add(c.value);
    }
    if (low > high || (low === high && (lowStrict || highStrict))) problems.push(`${label}, ${path}: ${fact} can never be both > ${low} and < ${high}: the rule can never match`);
    if (equals.size > 1) problems.push(`${label}, ${path}: ${fact} can never equal ${[...equals].map((v) => JSON.stringify(v)).join(' and ')} at once`);
  }
}
