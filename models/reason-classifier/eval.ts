/** Scores a model folder on labelled texts: accuracy, macro-F1 and per-reason precision/recall/F1. */
import { REASON_CODES, type ReasonCode } from '../../engine/src/classification/taxonomy';
import type { ReasonClassifier } from '../../engine/src/classification/classifier';
import type { CorpusRow } from './generate-corpus';

/** Per-reason and overall scores. */
export interface EvalReport {
  n: number;
  accuracy: number;
  macro_f1: number;
  per_class: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  /** Share of multi-reason texts whose every reason appears in the predicted tags. */
  multi_reason_tag_recall?: number;
  /** How far confidence can be trusted: accuracy above and below the review threshold, and the calibration error. */
  confidence?: ConfidenceReport;
}

/** Accuracy of the texts read with confidence >= threshold and of those flagged for review, plus ECE (10 bins). */
export interface ConfidenceReport {
  threshold: number;
  confident_share: number;
  confident_accuracy: number | null;
  needs_review_accuracy: number | null;
  mean_confidence: number;
  expected_calibration_error: number;
}

/** Summarises confidence against correctness: the review threshold is useful when confident texts are more often right. */
export function confidenceReport(items: { confidence: number; correct: boolean }[], threshold = 0.5): ConfidenceReport {
  const confident = items.filter((x) => x.confidence >= threshold);
  const review = items.filter((x) => x.confidence < threshold);
  const acc = (xs: typeof items) => (xs.length ? round(xs.filter((x) => x.correct).length / xs.length) : null);
  let ece = 0;
  for (let b = 0; b < 10; b++) {
    const bin = items.filter((x) => Math.min(9, Math.floor(x.confidence * 10)) === b);
    if (!bin.length) continue;
    const gap = Math.abs(bin.reduce((s, x) => s + x.confidence, 0) / bin.length - bin.filter((x) => x.correct).length / bin.length);
    ece += (bin.length / items.length) * gap;
  }
  return {
    threshold,
    confident_share: round(confident.length / Math.max(items.length, 1)),
    confident_accuracy: acc(confident),
    needs_review_accuracy: acc(review),
    mean_confidence: round(items.reduce((s, x) => s + x.confidence, 0) / Math.max(items.length, 1)),
    expected_calibration_error: round(ece),
  };
}

/** Evaluates a classifier on rows (reasons without support are left out of the macro average). */
export async function evaluate(classifier: ReasonClassifier, rows: CorpusRow[]): Promise<EvalReport> {
  const predictions = await classifier.classify(rows.map((r) => r.text));
  const perClass: EvalReport['per_class'] = {};
  let correct = 0;
  for (let i = 0; i < rows.length; i++) if (predictions[i].reason_code === rows[i].label) correct++;
  const f1s: number[] = [];
  for (const code of REASON_CODES) {
    const tp = rows.filter((r, i) => r.label === code && predictions[i].reason_code === code).length;
    const fp = rows.filter((r, i) => r.label !== code && predictions[i].reason_code === code).length;
    const support = rows.filter((r) => r.label === code).length;
    if (!support) continue;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp / support;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[code] = { precision: round(precision), recall: round(recall), f1: round(f1), support };
    f1s.push(f1);
  }
  const multi = rows.map((r, i) => ({ r, p: predictions[i] })).filter(({ r }) => r.tags.length > 1);
  return {
    n: rows.length,
    accuracy: round(correct / rows.length),
    macro_f1: round(f1s.reduce((a, b) => a + b, 0) / f1s.length),
    per_class: perClass,
    confidence: confidenceReport(predictions.map((p, i) => ({ confidence: p.confidence, correct: p.reason_code === rows[i].label }))),
    ...(multi.length ? { multi_reason_tag_recall: round(multi.filter(({ r, p }) => r.tags.every((t) => p.tags.includes(t as ReasonCode))).length / multi.length) } : {}),
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
