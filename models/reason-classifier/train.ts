/**
 * Trains the return-reason classifier from scratch (`pnpm --filter @rebound/models train`, under a minute on 2
 * cores) and writes the files of a model folder that transformers.js loads.
 *
 * The model is fastText-style: every WordPiece piece and every hashed pair of neighbouring pieces has one
 * learned score per reason; a text's logits are the mean of its rows (features.ts). Trained by SGD on the
 * class-balanced softmax cross-entropy with L2, a decaying learning rate and feature dropout (a random share of
 * a text's features is left out at each step, so no single word carries a reason alone). Seeded: the same corpus
 * and options give the same model.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { REASON_CODES, type ReasonCode } from '../../engine/src/classification/taxonomy';
import type { CorpusRow } from './generate-corpus';
import { exportOnnx } from './export-onnx';
import { featureRows, NGRAM_BUCKETS } from './features';
import { hashUnit, seededRandom } from './random';
import { buildVocab, tokenizerConfig, tokenizerJson } from './tokenizer-files';

const here = dirname(fileURLToPath(import.meta.url));
/** Longest tokenized text the model reads (tokenizer_config model_max_length); longer texts are truncated. */
export const MAX_TOKENS = 256;

/** Training options; the defaults are the shipped recipe. */
export interface TrainOptions {
  epochs?: number;
  seed?: number;
  /** Loss weight of hand-labelled real texts (and corrections) against generated ones. */
  realWeight?: number;
  /** Share of a text's features left out at each step. */
  dropout?: number;
  learningRate?: number;
  l2?: number;
  /** Divide each feature's step by the text's feature count (fastText's gradient of the mean). */
  perFeatureStep?: boolean;
  /** Scores are divided by this after training: softer, better calibrated confidences (the top reason is unchanged). */
  temperature?: number;
}

/** A trained model: vocabulary, score table ((vocab + buckets) x reasons) and bias. */
export interface TrainedModel {
  vocab: string[];
  table: Float32Array;
  bias: Float32Array;
}

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

/** Writes the tokenizer files for `vocab` into `folder` and returns a function giving each text's token ids. */
export async function writeTokenizer(folder: string, vocab: string[]): Promise<(text: string) => number[]> {
  mkdirSync(join(folder, 'onnx'), { recursive: true });
  writeFileSync(join(folder, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab)));
  writeFileSync(join(folder, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig(MAX_TOKENS), null, 2));
  env.allowRemoteModels = false;
  env.localModelPath = dirname(folder) + '/';
  const tokenizer = await AutoTokenizer.from_pretrained(basename(folder), { local_files_only: true });
  return (text) => {
    const ids = tokenizer.encode(text) as number[];
    // Truncated as the pipeline truncates: the first pieces, then [SEP].
    return ids.length > MAX_TOKENS ? [...ids.slice(0, MAX_TOKENS - 1), ids[ids.length - 1]] : ids;
  };
}

/** SGD over precomputed feature rows; returns the score table and bias. */
export function fitTable(features: Int32Array[], targets: Float32Array[], weights: number[], rowCount: number, opts: TrainOptions = {}): { table: Float32Array; bias: Float32Array } {
  const C = REASON_CODES.length;
  const table = new Float32Array(rowCount * C);
  const bias = new Float32Array(C);
  const rnd = seededRandom(opts.seed ?? 13);
  const order = features.map((_, i) => i);
  const epochs = opts.epochs ?? 15;
  const dropout = opts.dropout ?? 0.3;
  const l2 = opts.l2 ?? 3e-4;
  const lr0 = opts.learningRate ?? 0.5;
  const probs = new Float32Array(C);
  const kept = new Int32Array(4 * 1024);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let step = 0; step < order.length; step++) {
      const idx = order[step];
      const lr = lr0 * (1 - (epoch * order.length + step) / (epochs * order.length)) + 0.01;
      const rows = features[idx];
      let n = 0;
      for (const r of rows) if (rnd() >= dropout) kept[n++] = r;
      if (n === 0) kept[n++] = rows[0];
      probs.fill(0);
      for (let k = 0; k < n; k++) {
        const base = kept[k] * C;
        for (let c = 0; c < C; c++) probs[c] += table[base + c];
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) max = Math.max(max, (probs[c] /= n));
      let z = 0;
      for (let c = 0; c < C; c++) z += probs[c] = Math.exp(probs[c] - max);
      const w = weights[idx];
      const target = targets[idx];
      // fastText's update: every feature of the text moves by the gradient of the mean.
      const scale = opts.perFeatureStep ? lr * w / Math.sqrt(n) : lr * w;
      for (let c = 0; c < C; c++) probs[c] = scale * (probs[c] / z - target[c]);
      for (let k = 0; k < n; k++) {
        const base = kept[k] * C;
        for (let c = 0; c < C; c++) table[base + c] -= probs[c] + lr * l2 * table[base + c];
      }
    }
  }
  const temperature = opts.temperature ?? 2;
  for (let i = 0; i < table.length; i++) table[i] /= temperature;
  // No bias is learnt: scores are averaged over the text, so a bias would outweigh the words of a long review.
  return { table, bias };
}

/**
 * The target distribution of a row: all on its label, or, when it gives several reasons (tags), SECOND_SHARE
 * spread over the other tags, so the model learns to score every reason a text gives.
 */
export function targetOf(row: CorpusRow, secondShare = SECOND_SHARE): Float32Array {
  const t = new Float32Array(REASON_CODES.length);
  const others = row.tags.filter((g) => g !== row.label);
  t[REASON_CODES.indexOf(row.label)] = others.length ? 1 - secondShare : 1;
  for (const g of others) t[REASON_CODES.indexOf(g)] += secondShare / others.length;
  return t;
}

/** Share of the target given to a text's other reasons (multi-reason texts). */
export const SECOND_SHARE = 0.4;

/** Per-row loss weights: every reason counts as if equally frequent; real texts count `realWeight` times. */
export function lossWeights(rows: CorpusRow[], realWeight = 2): number[] {
  const C = REASON_CODES.length;
  const perClass = new Array(C).fill(0);
  for (const r of rows) perClass[REASON_CODES.indexOf(r.label)]++;
  const classWeight = perClass.map((n) => (n ? rows.length / (C * n) : 0));
  return rows.map((r) => classWeight[REASON_CODES.indexOf(r.label)] * (r.source.startsWith('generated') ? 1 : realWeight));
}

/** Builds the vocabulary, writes the tokenizer into `folder`, and trains on `rows`. */
export async function trainModel(folder: string, rows: CorpusRow[], opts: TrainOptions = {}): Promise<TrainedModel> {
  const vocab = buildVocab(rows.map((r) => r.text));
  const encode = await writeTokenizer(folder, vocab);
  const features = rows.map((r) => featureRows(encode(r.text), vocab.length));
  const { table, bias } = fitTable(features, rows.map((r) => targetOf(r)), lossWeights(rows, opts.realWeight), vocab.length + NGRAM_BUCKETS, opts);
  return { vocab, table, bias };
}

/** Writes config.json and the ONNX graph beside the tokenizer files. */
export function writeModel(folder: string, trained: TrainedModel): void {
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
