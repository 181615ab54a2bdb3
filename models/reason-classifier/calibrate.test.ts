import { expect, it } from 'vitest';
import { fitTemperature, nll } from './calibrate';

it('softens over-confident scores and sharpens timid ones', () => {
  // Confident logits that are right only 60% of the time: the fitted temperature must soften them (t > 1).
  const overconfident = Array.from({ length: 100 }, (_, i) => ({ logits: [8, 0, 0], label: i % 10 < 6 ? 0 : 1 }));
  expect(fitTemperature(overconfident)).toBeGreaterThan(1);
  // Timid logits that are always right: sharpening (t < 1) lowers the loss.
  const timid = Array.from({ length: 100 }, () => ({ logits: [0.5, 0, 0], label: 0 }));
  expect(fitTemperature(timid)).toBeLessThan(1);
});

it('the fitted temperature gives the lowest negative log-likelihood of its grid neighbours', () => {
  const rows = Array.from({ length: 60 }, (_, i) => ({ logits: [3, 1, 0], label: i % 3 === 0 ? 1 : 0 }));
  const t = fitTemperature(rows);
  expect(nll(rows, t)).toBeLessThanOrEqual(nll(rows, t + 0.05));
  expect(nll(rows, t)).toBeLessThanOrEqual(nll(rows, Math.max(0.05, t - 0.05)));
});
