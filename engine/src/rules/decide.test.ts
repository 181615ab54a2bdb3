import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { Engine as JsonRulesEngine } from 'json-rules-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileConditions, compileRuleSet } from './decide';
import type { Facts, Operator } from './facts';
import type { ConditionNode, RuleSet } from './schema';
import { conditionsToSql, decidingRuleSql } from './to-sql';

const NUMBER_FACTS = ['line_value', 'fraud_score', 'days_since_order'];
const STRING_FACTS = ['category', 'channel'];
const STRINGS = ['apparel', 'home', 'web', 'app', "o'brien"];

const numberLeaf = fc.record({
  fact: fc.constantFrom(...NUMBER_FACTS),
  operator: fc.constantFrom<Operator>('equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn'),
  n: fc.integer({ min: 0, max: 10 }),
}).map(({ fact, operator, n }) => ({ fact, operator, value: operator === 'in' || operator === 'notIn' ? [n, n + 1] : n }) as ConditionNode);
const stringLeaf = fc.record({
  fact: fc.constantFrom(...STRING_FACTS),
  operator: fc.constantFrom<Operator>('equal', 'notEqual', 'in', 'notIn'),
  s: fc.constantFrom(...STRINGS),
}).map(({ fact, operator, s }) => ({ fact, operator, value: operator === 'in' || operator === 'notIn' ? [s, 'web'] : s }) as ConditionNode);
const listLeaf = fc.record({ operator: fc.constantFrom<Operator>('contains', 'doesNotContain'), s: fc.constantFrom('wardrobing', 'light_box', "o'brien") }).map(
  ({ operator, s }) => ({ fact: 'fraud_signals', operator, value: s }) as ConditionNode,
);
const tree: fc.Arbitrary<ConditionNode> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, numberLeaf, stringLeaf, listLeaf, tie('all'), tie('any'), tie('not')),
  all: fc.array(tie('node') as fc.Arbitrary<ConditionNode>, { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
  any: fc.array(tie('node') as fc.Arbitrary<ConditionNode>, { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
  not: (tie('node') as fc.Arbitrary<ConditionNode>).map((not) => ({ not })),
})).node as fc.Arbitrary<ConditionNode>;
const factsRow = fc.record({
  line_value: fc.option(fc.integer({ min: 0, max: 11 }), { nil: null }),
  fraud_score: fc.option(fc.integer({ min: 0, max: 11 }), { nil: null }),
  days_since_order: fc.option(fc.integer({ min: 0, max: 11 }), { nil: null }),
  category: fc.option(fc.constantFrom(...STRINGS), { nil: null }),
  channel: fc.option(fc.constantFrom(...STRINGS), { nil: null }),
  fraud_signals: fc.option(fc.uniqueArray(fc.constantFrom('wardrobing', 'light_box', "o'brien"), { maxLength: 3 }), { nil: null }),
}) as fc.Arbitrary<Facts>;
const ruleSet = fc.array(fc.record({ conditions: tree.map((t) => ('all' in t || 'any' in t ? t : { all: [t] })), priority: fc.integer({ min: 0, max: 3 }), enabled: fc.boolean() }), { minLength: 1, maxLength: 5 }).map(
  (rules) => ({ rules: rules.map((r, i) => ({ name: `r${i}`, priority: r.priority, enabled: r.enabled, conditions: r.conditions, outcome: { type: 'approve' } })) }) as RuleSet,
);

let conn: Awaited<ReturnType<DuckDBInstance['connect']>>;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => conn.closeSync());

const sqlLit = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? `[${v.map(sqlLit).join(', ')}]::varchar[]` : typeof v === 'number' ? `${v}::double` : `'${String(v).replace(/'/g, "''")}'`;

describe('the live decision and the SQL backtest agree', () => {
  it('gives the same deciding rule for every row, for random rules and facts', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSet, fc.array(factsRow, { minLength: 1, maxLength: 12 }), async (set, rows) => {
        const values = rows
          .map((r, i) => `(${i}, ${sqlLit(r.line_value)}, ${sqlLit(r.fraud_score)}, ${sqlLit(r.days_since_order)}, ${sqlLit(r.category)}::varchar, ${sqlLit(r.channel)}::varchar, ${r.fraud_signals === null ? 'null::varchar[]' : sqlLit(r.fraud_signals)})`)
          .join(', ');
        const reader = await conn.runAndReadAll(
          `select i, ${decidingRuleSql(set)} as k from (values ${values}) f(i, line_value, fraud_score, days_since_order, category, channel, fraud_signals) order by i`,
        );
        const fromSql = reader.getRows().map((r) => Number(r[1]));
        const decide = compileRuleSet(set);
        const enabled = set.rules.map((r, i) => ({ r, i })).filter(({ r }) => r.enabled).sort((a, b) => b.r.priority - a.r.priority || a.i - b.i);
        const fromJs = rows.map((row) => {
          const d = decide(row);
          return d.rule === null ? 0 : enabled.findIndex(({ r }) => r.name === d.rule) + 1;
        });
        expect(fromSql).toEqual(fromJs);
      }),
      { numRuns: 150 },
    );
  });

  it('evaluates conditions exactly as json-rules-engine does', async () => {
    await fc.assert(
      fc.asyncProperty(tree.map((t) => ('all' in t || 'any' in t ? t : { all: [t] })), factsRow, async (conditions, facts) => {
        const engine = new JsonRulesEngine([], { allowUndefinedFacts: true });
        engine.addRule({ conditions: conditions as never, event: { type: 'match' } });
        const { events } = await engine.run({ ...facts });
        expect(compileConditions(conditions)(facts)).toBe(events.length > 0);
      }),
      { numRuns: 200 },
    );
  });

  it('quotes string values in SQL', () => {
    expect(conditionsToSql({ fact: 'category', operator: 'equal', value: "o'brien" })).toBe(`coalesce("category" = 'o''brien', false)`);
  });
});
