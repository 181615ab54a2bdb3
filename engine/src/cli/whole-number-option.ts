import { InvalidInputError } from '../shared/errors';

/**
 * A commander parser for an option that takes a whole number: it refuses anything else, quoting what was
 * typed (`Number('many')` would otherwise travel on as NaN and be reported as "got NaN").
 */
export function wholeNumberOption(flag: string, min?: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isSafeInteger(value) || (min !== undefined && value < min)) {
      throw new InvalidInputError(`${flag} must be a whole number${min !== undefined ? ` >= ${min}` : ''}, got '${text}'`);
    }
    return value;
  };
}
