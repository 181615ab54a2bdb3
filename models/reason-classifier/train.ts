/**
 * Trains the return-reason classifier from scratch and writes a versioned artifact folder that
 * transformers.js loads: `pnpm --filter @rebound/models train` (a minute or so on 2 cores).
 *
 * The model is a bag of WordPiece pieces: one learned score per (piece, reason), averaged over the text,
 * plus a bias, trained by SGD on the softmax cross-entropy (a fastText-style linear model whose embedding
 * and output layers are folded into one table). Small, fast and robust to typos through subword pieces.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { REASON_CODES, type ReasonCode } from '../../engine/src/classification/taxonomy';
import type { CorpusRow } from './generate-corpus';
import { exportOnnx } from './export-onnx';
import { hashUnit, seededRandom } from './random';
import { buildVocab, tokenizerConfig, tokenizerJson } from './tokenizer-files';

const here = dirname(fileURLToPath(import.meta.url));
const MAX_TOKENS = 256;

/** Reads every corpus file (JSON lines). */
export function readCorpus(dir = join(here, 'corpus')): CorpusRow[] {
  return ['generated.jsonl', 'real-reviews.jsonl', 'corrections.jsonl']
    .filter((f) => existsSync(join(dir, f)))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as CorpusRow));
}

/**
 * The fixed held-out split, decided by a hash of the text so training never sees it: 20% of generated texts,
 * 40% of the hand-labelled real reviews (fewer of them, and they are what matters).
 */
export function isHeldOut(row: CorpusRow): boolean {
  return hashUnit(row.text) < (row.source.startsWith('real') ? 0.4 : 0.2);
}

/** Trains on `rows` and returns the piece table and bias. */
export async function trainModel(folder: string, rows: CorpusRow[], opts: { epochs?: number; seed?: number; realWeight?: number } = {}) {
  const vocab = buildVocab(rows.map((r) => r.text));
  mkdirSync(join(folder, 'onnx'), { recursive: true });
  writeFileSync(join(folder, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab)));
  writeFileSync(join(folder, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig(MAX_TOKENS), null, 2));
  env.allowRemoteModels = false;
  env.localModelPath = dirname(folder);
  const tokenizer = await AutoTokenizer.from_pretrained(folder.split('/').at(-1)!);
  const encoded = rows.map((r) => (tokenizer.encode(r.text) as number[]).slice(0, MAX_TOKENS));
  const C = REASON_CODES.length;
  const V = vocab.length;
  const table = new Float32Array(V * C);
  const bias = new Float32Array(C);
  const labelIndex = rows.map((r) => REASON_CODES.indexOf(r.label));
  // Rarer reasons weigh more, so every reason counts in the loss as if equally frequent.
  const perClass = new Array(C).fill(0);
  for (const y of labelIndex) perClass[y]++;
  const weight = perClass.map((n) => (n ? rows.length / (C * n) : 0));
  // Real customers' words are scarcer and matter more than generated ones.
  const sourceWeight = rows.map((r) => (r.source.startsWith('real') ? (opts.realWeight ?? 2) : 1));
  const rnd = seededRandom(opts.seed ?? 13);
  const order = rows.map((_, i) => i);
  const epochs = opts.epochs ?? 12;
  const probs = new Float32Array(C);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const lr = 0.8 * (1 - epoch / epochs) + 0.05;
    for (const idx of order) {
      const ids = encoded[idx];
      const n = ids.length;
      for (let c = 0; c < C; c++) {
        let s = bias[c];
        for (const t of ids) s += table[t * C + c] / n;
        probs[c] = s;
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) max = Math.max(max, probs[c]);
      let z = 0;
      for (let c = 0; c < C; c++) z += probs[c] = Math.exp(probs[c] - max);
      const w = weight[labelIndex[idx]] * sourceWeight[idx];
      for (let c = 0; c < C; c++) {
        const g = w * (probs[c] / z - (c === labelIndex[idx] ? 1 : 0));
        // No bias is learnt: scores are averaged over the text, so a bias would outweigh the words of a long
        // review and pull every long text towards the most frequent reason.
        for (const t of ids) table[t * C + c] -= lr * (g + 1e-4 * table[t * C + c]);
      }
    }
  }
  return { vocab, table, bias };
}

/** Writes config.json and the ONNX graph beside the tokenizer files. */
export function writeModel(folder: string, trained: { vocab: string[]; table: Float32Array; bias: Float32Array }): void {
  const id2label = Object.fromEntries(REASON_CODES.map((c, i) => [String(i), c]));
  const label2id = Object.fromEntries(REASON_CODES.map((c, i) => [c, i]));
  writeFileSync(join(folder, 'config.json'), JSON.stringify({ model_type: 'bert', architectures: ['ReboundReasonClassifier'], id2label, label2id, problem_type: 'single_label_classification' }, null, 2));
  writeFileSync(join(folder, 'onnx', 'model.onnx'), exportOnnx(trained.table, trained.vocab.length, REASON_CODES.length, trained.bias));
}

/** A short content hash of the corpus, recorded in the manifest. */
export function corpusHash(rows: CorpusRow[]): string {
  return createHash('sha256').update(rows.map((r) => `${r.label}\t${r.text}`).join('\n')).digest('hex').slice(0, 16);
}

/** The labels used for training. */
export function labelsOf(rows: CorpusRow[]): ReasonCode[] {
  return rows.map((r) => r.label);
}
