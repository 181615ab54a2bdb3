import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLimiter } from './rate-limit';

afterEach(() => vi.useRealTimers());

describe('createLimiter', () => {
  it('allows `limit` attempts per key in a window, then refuses until the window has passed', () => {
    vi.useFakeTimers();
    const allow = createLimiter(3, 60_000);
    expect([1, 2, 3, 4].map(() => allow('a'))).toEqual([true, true, true, false]);
    expect(allow('b')).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(allow('a')).toBe(true);
  });

  it('keeps a live count when a flood of other keys fills its memory', () => {
    vi.useFakeTimers();
    const allow = createLimiter(2, 60_000);
    allow('guesser');
    allow('guesser');
    for (let i = 0; i < 12_000; i++) allow(`made-up-${i}`);
    expect(allow('guesser')).toBe(false);
    vi.advanceTimersByTime(60_000);
    for (let i = 0; i < 12_000; i++) allow(`later-${i}`);
    expect(allow('guesser')).toBe(true);
  });
});
