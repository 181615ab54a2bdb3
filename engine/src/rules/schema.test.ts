import { describe, expect, it } from 'vitest';
import { parseRuleSet } from './schema';

const rule = (conditions: unknown, outcome: unknown = { type: 'approve' }, extra: object = {}) => ({ name: 'r1', priority: 1, enabled: true, conditions, outcome, ...extra });

describe('rule set validation', () => {
  it('accepts a well-formed rule set', () => {
    const set = parseRuleSet({ rules: [rule({ all: [{ fact: 'line_value', operator: 'lessThan', value: 50 }, { fact: 'category', operator: 'in', value: ['apparel'] }] })] });
    expect(set.rules).toHaveLength(1);
  });

  it('names the rule and the condition of an unknown fact or operator', () => {
    expect(() => parseRuleSet({ rules: [rule({ all: [{ fact: 'no_such_fact', operator: 'equal', value: 1 }] })] })).toThrow(
      /rule 1 'r1', condition conditions\.all\[0\]: unknown fact 'no_such_fact'/,
    );
    expect(() => parseRuleSet({ rules: [rule({ any: [{ fact: 'sku', operator: 'startsWith', value: 'A' }] })] })).toThrow(/unknown operator 'startsWith'/);
  });

  it('refuses values of the wrong type', () => {
    expect(() => parseRuleSet({ rules: [rule({ all: [{ fact: 'line_value', operator: 'lessThan', value: '50' }] })] })).toThrow(/line_value lessThan needs a number, got "50"/);
    expect(() => parseRuleSet({ rules: [rule({ all: [{ fact: 'category', operator: 'greaterThan', value: 3 }] })] })).toThrow(/greaterThan compares numbers, but category is a string/);
    expect(() => parseRuleSet({ rules: [rule({ all: [{ fact: 'category', operator: 'in', value: 'apparel' }] })] })).toThrow(/needs a list of strings/);
  });

  it('lets contains / doesNotContain test only the list of fraud signals, with a string', () => {
    expect(parseRuleSet({ rules: [rule({ all: [{ fact: 'fraud_signals', operator: 'contains', value: 'wardrobing' }] })] }).rules).toHaveLength(1);
    expect(() => parseRuleSet({ rules: [rule({ all: [{ fact: 'category', operator: 'contains', value: 'app' }] })] })).toThrow(/condition conditions\.all\[0\]: contains tests a list, but category is a string/);
    expect(() => parseRuleSet({ rules: [rule({ all: [{ fact: 'fraud_signals', operator: 'equal', value: 'wardrobing' }] })] })).toThrow(/fraud_signals is a list of signal ids: test it with contains or doesNotContain, not equal/);
    expect(() => parseRuleSet({ rules: [rule({ all: [{ fact: 'fraud_signals', operator: 'doesNotContain', value: 3 }] })] })).toThrow(/fraud_signals doesNotContain needs a string, got 3/);
  });

  it('refuses contradictions it can see', () => {
    expect(() => parseRuleSet({ rules: [rule({ all: [{ fact: 'line_value', operator: 'greaterThan', value: 100 }, { fact: 'line_value', operator: 'lessThan', value: 50 }] })] })).toThrow(/can never match/);
    expect(() => parseRuleSet({ rules: [rule({ all: [{ fact: 'channel', operator: 'equal', value: 'web' }, { fact: 'channel', operator: 'equal', value: 'app' }] })] })).toThrow(/can never equal "web" and "app"/);
  });

  it('accepts bounds that leave exactly one value, even beside a looser strict bound', () => {
    // quantity > 1 and quantity >= 3 and quantity <= 3 matches quantity 3.
    const set = parseRuleSet({ rules: [rule({ all: [{ fact: 'quantity', operator: 'greaterThan', value: 1 }, { fact: 'quantity', operator: 'greaterThanInclusive', value: 3 }, { fact: 'quantity', operator: 'lessThanInclusive', value: 3 }] })] });
    expect(set.rules).toHaveLength(1);
    expect(() => parseRuleSet({ rules: [rule({ all: [{ fact: 'quantity', operator: 'greaterThan', value: 3 }, { fact: 'quantity', operator: 'lessThanInclusive', value: 3 }] })] })).toThrow(/can never match/);
  });

  it('refuses a decline without a reason, duplicate names, and a missing rules list, reporting every problem', () => {
    const many = () => parseRuleSet({ rules: [rule({ all: [{ fact: 'quantity', operator: 'equal', value: 1 }] }, { type: 'decline' }), rule({ all: [{ fact: 'quantity', operator: 'equal', value: 2 }] })] });
    expect(many).toThrow(/a decline needs outcome.reason.*another rule has the same name/);
    expect(() => parseRuleSet({ conditions: [] })).toThrow('a rule set is a JSON object {"rules": [...]}');
  });
});
