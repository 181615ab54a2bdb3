/**
 * The model's features for one tokenized text, computed exactly as the ONNX graph computes them (export-onnx.ts):
 * every WordPiece id (unigrams) plus a hashed id for every pair of neighbouring pieces (bigrams, so "not small"
 * and "too small" differ), each pointing at one row of the score table.
 */

/** Hash buckets for piece bigrams: rows `vocabSize .. vocabSize + NGRAM_BUCKETS - 1` of the table. */
export const NGRAM_BUCKETS = 1 << 15;
/** Multiplier of the bigram hash `(a * HASH_MULT + b) mod NGRAM_BUCKETS` (int64 in the graph, exact in JS). */
export const HASH_MULT = 1000003;

/** The table rows a text's token ids select: unigrams first, then the hashed bigrams of neighbouring ids. */
export function featureRows(ids: readonly number[], vocabSize: number): Int32Array {
  const n = ids.length;
  const out = new Int32Array(n + Math.max(0, n - 1));
  for (let i = 0; i < n; i++) out[i] = ids[i];
  for (let i = 0; i + 1 < n; i++) out[n + i] = vocabSize + ((ids[i] * HASH_MULT + ids[i + 1]) % NGRAM_BUCKETS);
  return out;
}

/** The logits the graph gives for a text's feature rows: the mean of their table rows plus the bias. */
export function logitsOf(rows: Int32Array, table: Float32Array, bias: Float32Array): Float32Array {
  const C = bias.length;
  const out = new Float32Array(C);
  for (const r of rows) for (let c = 0; c < C; c++) out[c] += table[r * C + c];
  const n = Math.max(rows.length, 1e-6);
  for (let c = 0; c < C; c++) out[c] = out[c] / n + bias[c];
  return out;
}
