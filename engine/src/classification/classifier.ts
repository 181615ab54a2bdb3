import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, pipeline, type TextClassificationPipeline } from '@huggingface/transformers';
import { REASON_CODES, reasonCodeFrom, type ReasonCode } from './taxonomy';

/** The classifier's reading of one text. */
export interface ReasonClassification {
  reason_code: ReasonCode;
  confidence: number;
  /** The three most likely reasons with their scores. */
  alternatives: { reason_code: ReasonCode; score: number }[];
  /** Every reason clearly present (a text may give several). */
  tags: ReasonCode[];
  /** Confidence below the review threshold: a person should look. */
  needs_review: boolean;
}

/** A loaded classifier. */
export interface ReasonClassifier {
  classify(texts: string[]): Promise<ReasonClassification[]>;
  modelInfo: { folder: string; version: string; labels: ReasonCode[] };
}

/** Options: another model folder (any transformers.js text-classification model with our labels) and the review threshold. */
export interface ClassifierOptions {
  modelDir?: string;
  reviewThreshold?: number;
}

const BATCH_SIZE = 128;

const repoModels = resolve(dirname(fileURLToPath(import.meta.url)), '../../../models/reason-classifier/artifacts');

/** The folder of the current model of `artifacts` (its manifest.json; the shipped models by default), or REBOUND_REASON_MODEL_DIR. */
export function defaultModelDir(artifacts = repoModels): string {
  if (process.env.REBOUND_REASON_MODEL_DIR) return resolve(process.env.REBOUND_REASON_MODEL_DIR);
  const manifest = join(artifacts, 'manifest.json');
  if (!existsSync(manifest)) throw new Error(`no reason model is shipped: ${manifest} is missing (train one with 'pnpm --filter @rebound/models train')`);
  let current: unknown;
  try {
    ({ current } = JSON.parse(readFileSync(manifest, 'utf8')) as { current?: unknown });
  } catch (error) {
    throw new Error(`the reason model manifest ${manifest} is not JSON (${(error as Error).message}); restore it from the repository`);
  }
  if (typeof current !== 'string' || !current) {
    throw new Error(`the reason model manifest ${manifest} names no current model ("current": "<folder>"); restore it from the repository`);
  }
  return join(artifacts, current);
}

/** A reason other than the top one is a tag when its score is at least this... */
export const TAG_MIN_SCORE = 0.1;
/** ...and at least this share of the top score. */
export const TAG_MIN_SHARE_OF_TOP = 0.2;

/**
 * Which reasons a text clearly gives: the top one, and any other scoring at least TAG_MIN_SCORE and at least
 * TAG_MIN_SHARE_OF_TOP of the top score (at most three). 'other' is never a tag beside a real reason. The shipped
 * model is trained to share its score between the reasons of a multi-reason text (train.ts, targetOf).
 */
export function tagsFrom(scores: { reason_code: ReasonCode; score: number }[]): ReasonCode[] {
  const top = scores[0];
  const tags = scores
    .filter((s, i) => i === 0 || (s.score >= TAG_MIN_SCORE && s.score >= TAG_MIN_SHARE_OF_TOP * top.score && s.reason_code !== 'other'))
    .slice(0, 3);
  return tags.map((t) => t.reason_code);
}

/**
 * Scores to read tags from: `scores` raised to `exponent` and renormalised (same order of reasons). A model whose
 * confidences are calibrated at temperature T but whose tag rule was set for temperature T' ships
 * `rebound.temperature` / `rebound.tag_temperature` in config.json, and the exponent is T / T': calibration makes
 * confidences honest without making the second reason of a text too faint to be tagged.
 */
export function tagScoresAt(scores: { reason_code: ReasonCode; score: number }[], exponent: number): { reason_code: ReasonCode; score: number }[] {
  if (exponent === 1) return scores;
  const powered = scores.map((s) => Math.pow(Math.max(s.score, 0), exponent));
  const total = powered.reduce((a, b) => a + b, 0) || 1;
  return scores.map((s, i) => ({ reason_code: s.reason_code, score: powered[i] / total }));
}

/** Loads a text-classification model from a local folder through transformers.js (never from a hub). */
export async function createReasonClassifier(opts: ClassifierOptions = {}): Promise<ReasonClassifier> {
  const folder = resolve(opts.modelDir ?? defaultModelDir());
  const threshold = opts.reviewThreshold ?? 0.5;
  if (!existsSync(join(folder, 'config.json'))) throw new Error(`reason model folder ${folder} has no config.json: is it a transformers.js model folder?`);
  const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as { id2label?: Record<string, string>; rebound?: { temperature?: number; tag_temperature?: number } };
  const tagExponent = config.rebound?.temperature && config.rebound.tag_temperature ? config.rebound.temperature / config.rebound.tag_temperature : 1;
  const labels = Object.values(config.id2label ?? {});
  const unmapped = labels.filter((l) => !reasonCodeFrom(l));
  if (!labels.length || unmapped.length) {
    throw new Error(`reason model folder ${folder}: labels ${unmapped.join(', ') || '(none)'} are not return reason codes (expected ${REASON_CODES.join(', ')})`);
  }
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = dirname(folder) + '/';
  let classifier: TextClassificationPipeline;
  try {
    classifier = (await pipeline('text-classification', basename(folder), { dtype: 'fp32', local_files_only: true })) as TextClassificationPipeline;
  } catch (error) {
    throw new Error(`cannot load the reason model in ${folder}: ${(error as Error).message}`);
  }
  const version = basename(folder);
  return {
    modelInfo: { folder, version, labels: labels.map((l) => reasonCodeFrom(l)!) },
    async classify(texts: string[]): Promise<ReasonClassification[]> {
      const out: ReasonClassification[] = new Array(texts.length);
      const todo: number[] = [];
      texts.forEach((t, i) => {
        if (!t || !t.trim()) out[i] = { reason_code: 'other', confidence: 0, alternatives: [], tags: [], needs_review: true };
        else todo.push(i);
      });
      // Texts of a batch are padded to its longest, so batching texts of similar length keeps padding (and the
      // model's work) short; batches also keep memory bounded. Results go back to each text's own position.
      todo.sort((a, b) => texts[a].length - texts[b].length);
      for (let start = 0; start < todo.length; start += BATCH_SIZE) {
        const batch = todo.slice(start, start + BATCH_SIZE);
        const results = (await classifier(batch.map((i) => texts[i]), { top_k: null })) as unknown as { label: string; score: number }[][];
        results.forEach((scores, k) => {
          const exact = scores.map((s) => ({ reason_code: reasonCodeFrom(s.label)!, score: s.score }));
          const ranked = exact.map((s) => ({ reason_code: s.reason_code, score: Number(s.score.toFixed(4)) }));
          out[batch[k]] = {
            reason_code: ranked[0].reason_code,
            confidence: ranked[0].score,
            alternatives: ranked.slice(0, 3),
            tags: tagsFrom(tagScoresAt(exact, tagExponent)),
            needs_review: ranked[0].score < threshold,
          };
        });
      }
      return out;
    },
  };
}
