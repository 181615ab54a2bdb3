import { FACTS, OPERATORS } from './facts';

/** One fact of the rules' vocabulary, with the operators that apply to its type. */
export interface VocabularyEntry {
  fact: string;
  type: string;
  description: string;
  operators: string[];
}

// Which fact types each kind of operator compares (mirrors the validator in schema.ts, which a test holds it to).
const OPERATORS_FOR: Record<string, string[]> = { any: ['number', 'string'], number: ['number'], list: ['number', 'string'], member: ['list'] };

/** The facts a rule may test, each with its meaning and the operators that apply to it (the rules editor's reference). */
export function ruleVocabulary(): VocabularyEntry[] {
  return Object.entries(FACTS).map(([fact, { type, description }]) => ({
    fact,
    type,
    description,
    operators: Object.entries(OPERATORS)
      .filter(([, kind]) => OPERATORS_FOR[kind].includes(type))
      .map(([op]) => op),
  }));
}
