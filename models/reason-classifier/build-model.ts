/**
 * `pnpm --filter @rebound/models train [--version=vN] [--promote-if-better]`: trains a new version on the corpus,
 * evaluates it on the held-out splits through transformers.js (exactly as the engine serves it) and records it in
 * artifacts/manifest.json.
 */
import { trainVersion } from './train-version';

const started = performance.now();
const result = await trainVersion({
  version: process.argv.find((a) => a.startsWith('--version='))?.slice(10),
  promoteIfBetter: process.argv.includes('--promote-if-better'),
  realWeight: process.env.REAL_WEIGHT ? Number(process.env.REAL_WEIGHT) : undefined,
  epochs: process.env.EPOCHS ? Number(process.env.EPOCHS) : undefined,
});
const h = result.heldout;
console.log(JSON.stringify({ version: result.version, promoted: result.promoted, seconds: Math.round((performance.now() - started) / 1000), generated: h.generated.macro_f1, real: h.real_reviews?.macro_f1 ?? null, real_accuracy: h.real_reviews?.accuracy ?? null, multi_tag_recall: h.multi_reason.multi_reason_tag_recall }));
