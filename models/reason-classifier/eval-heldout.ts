/**
 * `pnpm --filter @rebound/models eval [--model=DIR]`: scores a model folder (default: the current shipped
 * version) on the fixed held-out splits of the corpus, through transformers.js as the engine serves it, and
 * prints macro-F1 / accuracy per split with per-reason figures. Any compatible folder can be compared this way.
 */
import { createReasonClassifier } from '../../engine/src/classification/classifier';
import { evaluate } from './eval';
import { isHeldOut, readCorpus } from './train';

const modelDir = process.argv.find((a) => a.startsWith('--model='))?.slice(8);
const classifier = await createReasonClassifier({ modelDir });
const held = readCorpus().filter(isHeldOut);
const splits = {
  generated: held.filter((r) => r.source.startsWith('generated') && r.tags.length === 1),
  multi_reason: held.filter((r) => r.source.startsWith('generated') && r.tags.length > 1),
  real_reviews: held.filter((r) => r.source.startsWith('real')),
  corrections: held.filter((r) => r.source.startsWith('correction')),
};
const report: Record<string, unknown> = { model: classifier.modelInfo.folder };
for (const [name, rows] of Object.entries(splits)) if (rows.length) report[name] = await evaluate(classifier, rows);
console.log(JSON.stringify(report, null, 2));
