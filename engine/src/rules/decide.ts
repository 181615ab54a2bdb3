import type { Facts, Operator } from './facts';
import type { ConditionNode, Outcome, Rule, RuleSet } from './schema';

/** What the rules decided for one return. */
export interface Decision {
  outcome: Outcome;
  /** The rule that decided, or null when none matched (then the outcome is review). */
  rule: string | null;
}

type Predicate = (facts: Facts) => boolean;

const isNumber = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);

// The same semantics as json-rules-engine's operators (the reference, checked by a property test): numeric
// comparisons are false unless the fact is a number; equal is strict; in/notIn test list membership.
const OPS: Record<Operator, (fact: unknown, value: unknown) => boolean> = {
  equal: (f, v) => f === v,
  notEqual: (f, v) => f !== v,
  lessThan: (f, v) => isNumber(f) && f < (v as number),
  lessThanInclusive: (f, v) => isNumber(f) && f <= (v as number),
  greaterThan: (f, v) => isNumber(f) && f > (v as number),
  greaterThanInclusive: (f, v) => isNumber(f) && f >= (v as number),
  in: (f, v) => (v as unknown[]).includes(f),
  notIn: (f, v) => !(v as unknown[]).includes(f),
  // json-rules-engine tests contains / doesNotContain only on a list fact: an unknown (null) list is false for both.
  contains: (f, v) => Array.isArray(f) && f.includes(v),
  doesNotContain: (f, v) => Array.isArray(f) && !f.includes(v),
};

/** Compiles a condition tree into a plain JS predicate (fast enough for tens of thousands of decisions a second). */
export function compileConditions(node: ConditionNode): Predicate {
  if ('all' in node) {
    const parts = node.all.map(compileConditions);
    return (f) => parts.every((p) => p(f));
  }
  if ('any' in node) {
    const parts = node.any.map(compileConditions);
    return (f) => parts.some((p) => p(f));
  }
  if ('not' in node) {
    const inner = compileConditions(node.not);
    return (f) => !inner(f);
  }
  const op = OPS[node.operator];
  const { fact, value } = node;
  return (f) => op(f[fact] ?? null, value);
}

/** Rules in the order they are tried: higher priority first, then as written. */
export function orderedRules(set: RuleSet): Rule[] {
  return set.rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => rule.enabled)
    .sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index)
    .map(({ rule }) => rule);
}

/** A compiled rule set: decide(facts) -> the first matching rule's outcome, else review. */
export function compileRuleSet(set: RuleSet): (facts: Facts) => Decision {
  const compiled = orderedRules(set).map((rule) => ({ rule, test: compileConditions(rule.conditions) }));
  return (facts) => {
    for (const { rule, test } of compiled) if (test(facts)) return { outcome: rule.outcome, rule: rule.name };
    return { outcome: { type: 'review' }, rule: null };
  };
}
