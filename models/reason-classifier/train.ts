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
import { fitTemperature } from './calibrate';
import { featureRows, logitsOf, NGRAM_BUCKETS } from './features';
import { hashUnit, seededRandom } from './random';
import { buildVocab, tokenizerConfig, tokenizerJson } from './tokenizer-files';

const here = dirname(fileURLToPath(import.meta.url));
/** Longest tokenized text the model reads (tokenizer_config model_max_length); longer texts are truncated. */
export const MAX_TOKENS = 256;

/** Passes over the corpus (30 beat 15, 20 and 25 on generated validation text at equal real-review scores). */
export const EPOCHS = 30;

/** Training options; the defaults are the shipped recipe. */
export interface TrainOptions {
  epochs?: number;
  seed?: number;
  /** Loss weight of hand-labelled real texts (and corrections) against generated ones. */
  realWeight?: number;
  /** How strongly real texts are class-balanced among themselves (0: not at all, 1: fully; see lossWeights). */
  realBalance?: number;
  /** Share of a text's features left out at each step. */
  dropout?: number;
  learningRate?: number;
  l2?: number;
  /** Divide each feature's step by the text's feature count (fastText's gradient of the mean). */
  perFeatureStep?: boolean;
  /**
   * Scores are divided by this after training (the top reason is unchanged). Default 'fit': the temperature
   * that best predicts held-apart real training reviews (calibrate.ts), so confidences mean what they say.
   */
  temperature?: number | 'fit';
}

/** A trained model: vocabulary, score table ((vocab + buckets) x reasons) and bias. */
export interface TrainedModel {
  vocab: string[];
  table: Float32Array;
  bias: Float32Array;
  /** The temperature the table was divided by. */
  temperature: number;
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
  const epochs = opts.epochs ?? EPOCHS;
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
  const temperature = typeof opts.temperature === 'number' ? opts.temperature : 1;
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

/** Default loss weight of real texts (chosen by 3-fold cross-validation inside the real training reviews). */
export const REAL_WEIGHT = 3;
/** Default class balancing among real texts (same cross-validation: 1 beat 0, 0.5 and 0.75 on accuracy and macro-F1). */
export const REAL_BALANCE = 1;

/**
 * Per-row loss weights: every reason counts as if equally frequent; real texts count `realWeight` times. With
 * `realBalance` > 0 the real texts are also balanced among themselves (weight x (mean count / class count) ^
 * realBalance, capped at 5), so rare real reasons (defective, not_as_described) are not drowned by style and size.
 */
export function lossWeights(rows: CorpusRow[], realWeight = REAL_WEIGHT, realBalance = REAL_BALANCE): number[] {
  const C = REASON_CODES.length;
  const perClass = new Array(C).fill(0);
  const realPerClass = new Array(C).fill(0);
  for (const r of rows) {
    perClass[REASON_CODES.indexOf(r.label)]++;
    if (!r.source.startsWith('generated')) realPerClass[REASON_CODES.indexOf(r.label)]++;
  }
  const classWeight = perClass.map((n) => (n ? rows.length / (C * n) : 0));
  const realClasses = realPerClass.filter((n) => n > 0);
  const realMean = realClasses.reduce((a, b) => a + b, 0) / Math.max(realClasses.length, 1);
  const realBoost = realPerClass.map((n) => (n ? Math.min(5, (realMean / n) ** realBalance) : 1));
  return rows.map((r) => {
    const c = REASON_CODES.indexOf(r.label);
    return classWeight[c] * (r.source.startsWith('generated') ? 1 : realWeight * realBoost[c]);
  });
}

/**
 * Builds the vocabulary, writes the tokenizer into `folder`, and trains on `rows`. With the default
 * temperature 'fit', a first model is trained without a slice of the real training reviews and the temperature
 * is fitted on that slice (the held-out split is never used).
 */
export async function trainModel(folder: string, rows: CorpusRow[], opts: TrainOptions = {}): Promise<TrainedModel> {
  const vocab = buildVocab(rows.map((r) => r.text));
  const encode = await writeTokenizer(folder, vocab);
  const features = rows.map((r) => featureRows(encode(r.text), vocab.length));
  const targets = rows.map((r) => targetOf(r));
  const weights = lossWeights(rows, opts.realWeight, opts.realBalance);
  const rowCount = vocab.length + NGRAM_BUCKETS;
  let temperature = typeof opts.temperature === 'number' ? opts.temperature : 1;
  const slice = rows.map((r) => !r.source.startsWith('generated') && isCalibrationRow(r));
  if (opts.temperature === undefined || opts.temperature === 'fit') {
    if (slice.filter(Boolean).length >= 20) {
      const keep = rows.map((_, i) => !slice[i]);
      const part = fitTable(features.filter((_, i) => keep[i]), targets.filter((_, i) => keep[i]), weights.filter((_, i) => keep[i]), rowCount, { ...opts, temperature: 1 });
      const calib = rows.flatMap((r, i) => (slice[i] ? [{ logits: logitsOf(features[i], part.table, part.bias), label: REASON_CODES.indexOf(r.label) }] : []));
      temperature = fitTemperature(calib);
    } else temperature = DEFAULT_TEMPERATURE;
  }
  const { table, bias } = fitTable(features, targets, weights, rowCount, { ...opts, temperature });
  return { vocab, table, bias, temperature };
}

/** Temperature at which tags are read (the v4 recipe's fixed temperature, for which the tag thresholds were set). */
export const TAG_TEMPERATURE = 2;

/** Temperature used when too few real reviews are there to fit one. */
export const DEFAULT_TEMPERATURE = 2;

/** A fixed quarter of the real training reviews (by a salted hash of the text) on which the temperature is fitted. */
export function isCalibrationRow(row: CorpusRow): boolean {
  return hashUnit(`calibration:${row.text}`) < 0.25;
}

/** Writes config.json and the ONNX graph beside the tokenizer files. */
export function writeModel(folder: string, trained: TrainedModel): void {
  const id2label = Object.fromEntries(REASON_CODES.map((c, i) => [String(i), c]));
  const label2id = Object.fromEntries(REASON_CODES.map((c, i) => [c, i]));
  // The classifier reads tags at TAG_TEMPERATURE, whatever temperature calibrated the confidences (classifier.ts).
  const rebound = { temperature: trained.temperature, tag_temperature: TAG_TEMPERATURE };
  writeFileSync(join(folder, 'config.json'), JSON.stringify({ model_type: 'bert', architectures: ['ReboundReasonClassifier'], id2label, label2id, problem_type: 'single_label_classification', rebound }, null, 2));
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
