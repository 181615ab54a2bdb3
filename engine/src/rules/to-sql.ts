import type { Operator } from './facts';
import type { ConditionNode, RuleSet } from './schema';
import { orderedRules } from './decide';

const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
const column = (fact: string) => `"${fact.replace(/"/g, '')}"`;

// Each leaf is made two-valued (never NULL) so NOT and the CASE behave like the JavaScript decision: a
// comparison with an unknown fact is false, and "not equal" / "not in" an unknown fact is true.
function leaf(fact: string, operator: Operator, value: unknown): string {
  const c = column(fact);
  // Validation lets numeric operators touch only numeric facts, which are DOUBLE columns.
  const numeric = (op: string) => `coalesce(${c} ${op} ${literal(value)}, false)`;
  switch (operator) {
    case 'equal':
      return `coalesce(${c} = ${literal(value)}, false)`;
    case 'notEqual':
      return `(${c} is distinct from ${literal(value)})`;
    case 'lessThan':
      return numeric('<');
    case 'lessThanInclusive':
      return numeric('<=');
    case 'greaterThan':
      return numeric('>');
    case 'greaterThanInclusive':
      return numeric('>=');
    case 'in':
      return (value as unknown[]).length ? `coalesce(${c} in (${(value as unknown[]).map(literal).join(', ')}), false)` : 'false';
    case 'notIn':
      return (value as unknown[]).length ? `not coalesce(${c} in (${(value as unknown[]).map(literal).join(', ')}), false)` : 'true';
    // A NULL list makes both false, as in the JavaScript decision.
    case 'contains':
      return `coalesce(list_contains(${c}, ${literal(value)}), false)`;
    case 'doesNotContain':
      return `coalesce(not list_contains(${c}, ${literal(value)}), false)`;
  }
}

/** The SQL boolean expression of a condition tree over a table whose columns are the facts. */
export function conditionsToSql(node: ConditionNode): string {
  if ('all' in node) return `(${node.all.map(conditionsToSql).join(' and ')})`;
  if ('any' in node) return `(${node.any.map(conditionsToSql).join(' or ')})`;
  if ('not' in node) return `(not ${conditionsToSql(node.not)})`;
  return leaf(node.fact, node.operator, node.value);
}

/** A CASE expression giving, per row, the 1-based position (in `orderedRules`) of the deciding rule, 0 for none. */
export function decidingRuleSql(set: RuleSet): string {
  const rules = orderedRules(set);
  if (!rules.length) return '0';
  return `case ${rules.map((r, i) => `when ${conditionsToSql(r.conditions)} then ${i + 1}`).join(' ')} else 0 end`;
}

/** The names of the facts a rule set's enabled rules look at. */
export function factsUsed(set: RuleSet): Set<string> {
  const out = new Set<string>();
  const walk = (node: ConditionNode): void => {
    if ('all' in node) node.all.forEach(walk);
    else if ('any' in node) node.any.forEach(walk);
    else if ('not' in node) walk(node.not);
    else out.add(node.fact);
  };
  orderedRules(set).forEach((r) => walk(r.conditions));
  return out;
}
