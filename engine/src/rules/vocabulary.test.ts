import { describe, expect, it } from 'vitest';
import { FACTS as RULE_FACTS, OPERATORS as RULE_OPERATORS } from './facts';
import { parseRuleSet } from './schema';
import { ruleVocabulary } from './vocabulary';

const sampleValue = (type: string, operator: string) =>
  operator === 'in' || operator === 'notIn' ? (type === 'number' ? [1] : ['x']) : type === 'number' ? 1 : 'x';

const ruleWith = (fact: string, operator: string, value: unknown) => ({
  rules: [{ name: 'r', priority: 1, enabled: true, conditions: { all: [{ fact, operator, value }] }, outcome: { type: 'review' } }],
});

describe('the rules editor reference', () => {
  it('lists every fact once, with its meaning', () => {
    const vocabulary = ruleVocabulary();
    expect(vocabulary.map((v) => v.fact).sort()).toEqual(Object.keys(RULE_FACTS).sort());
    expect(vocabulary.find((v) => v.fact === 'fraud_signals')).toMatchObject({ type: 'list', operators: ['contains', 'doesNotContain'] });
    expect(vocabulary.find((v) => v.fact === 'line_value')?.operators).toContain('lessThan');
  });

  it('offers exactly the operators the validator accepts for each fact', () => {
    for (const v of ruleVocabulary()) {
      for (const operator of Object.keys(RULE_OPERATORS)) {
        const value = v.type === 'list' ? 'serial_returner' : sampleValue(v.type, operator);
        const accepted = (() => {
          try {
            parseRuleSet(ruleWith(v.fact, operator, value));
            return true;
          } catch {
            return false;
          }
        })();
        expect({ fact: v.fact, operator, accepted }).toEqual({ fact: v.fact, operator, accepted: v.operators.includes(operator) });
      }
    }
  });
});
