/**
 * Temperature scaling: one number T dividing the logits, chosen to minimise the negative log-likelihood of the
 * true reason on texts the model was not trained on. The top reason never changes; confidences become honest,
 * so a review threshold on them means something.
 */

/** Mean negative log-likelihood of the labels under softmax(logits / t). */
export function nll(rows: { logits: ArrayLike<number>; label: number }[], t: number): number {
  let total = 0;
  for (const { logits, label } of rows) {
    let max = -Infinity;
    for (let c = 0; c < logits.length; c++) max = Math.max(max, logits[c] / t);
    let z = 0;
    for (let c = 0; c < logits.length; c++) z += Math.exp(logits[c] / t - max);
    total += Math.log(z) + max - logits[label] / t;
  }
  return total / Math.max(rows.length, 1);
}

/** The temperature in [0.05, 5] (grid of 0.05) with the lowest NLL on `rows`. */
export function fitTemperature(rows: { logits: ArrayLike<number>; label: number }[]): number {
  let best = 1;
  let bestNll = Infinity;
  for (let t = 0.05; t <= 5.0001; t += 0.05) {
    const v = nll(rows, t);
    if (v < bestNll) (bestNll = v), (best = Math.round(t * 100) / 100);
  }
  return best;
}
