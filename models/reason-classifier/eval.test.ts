import { expect, it } from 'vitest';
import { confidenceReport } from './eval';

it('reports accuracy above and below the review threshold and the calibration error', () => {
  const items = [
    { confidence: 0.9, correct: true },
    { confidence: 0.9, correct: true },
    { confidence: 0.3, correct: false },
    { confidence: 0.3, correct: true },
  ];
  const r = confidenceReport(items, 0.5);
  expect(r).toMatchObject({ confident_share: 0.5, confident_accuracy: 1, needs_review_accuracy: 0.5, mean_confidence: 0.6 });
  // Bin 0.9: |0.9 - 1| = 0.1; bin 0.3: |0.3 - 0.5| = 0.2; each half the texts.
  expect(r.expected_calibration_error).toBeCloseTo(0.15, 4);
  expect(confidenceReport([], 0.5).confident_accuracy).toBeNull();
});
