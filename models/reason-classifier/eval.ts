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
    ...(multi.length ? { multi_reason_tag_recall: round(multi.filter(({ r, p }) => r.tags.every((t) => p.tags.includes(t as ReasonCode))).length / multi.length) } : {}),
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
