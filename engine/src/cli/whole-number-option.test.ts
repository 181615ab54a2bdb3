import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/errors';
import { wholeNumberOption } from './whole-number-option';

describe('wholeNumberOption', () => {
  it('takes whole numbers, at the minimum too', () => {
    expect(wholeNumberOption('--orders', 1)('1')).toBe(1);
    expect(wholeNumberOption('--seed')('-7')).toBe(-7);
    expect(wholeNumberOption('--return-window-days', 0)('30')).toBe(30);
  });

  it('refuses text, fractions, blanks and numbers below the minimum, quoting what was typed', () => {
    const days = wholeNumberOption('--return-window-days', 0);
    for (const typed of ['thirty', '2.5', '', ' ', '-1', '1e400']) {
      expect(() => days(typed)).toThrow(InvalidInputError);
      expect(() => days(typed)).toThrow(`--return-window-days must be a whole number >= 0, got '${typed}'`);
    }
    expect(() => wholeNumberOption('--seed')('lucky')).toThrow("--seed must be a whole number, got 'lucky'");
  });
});
