/**
 * `pnpm --filter @rebound/models train`: trains a new version on the corpus, evaluates it on the held-out
 * splits through transformers.js (exactly as the engine serves it), and records it in artifacts/manifest.json.
 * With --promote-if-better it becomes current only when held-out macro-F1 does not drop.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReasonClassifier } from '../../engine/src/classification/classifier';
import { evaluate } from './eval';
import { corpusHash, isHeldOut, readCorpus, trainModel, writeModel } from './train';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');
const manifestPath = join(artifacts, 'manifest.json');

interface Manifest {
  current: string;
  versions: { version: string; trained_at: string; corpus_hash: string; train_size: number; heldout: Record<string, unknown> }[];
}

const started = performance.now();
const rows = readCorpus();
const train = rows.filter((r) => !isHeldOut(r));
const heldGenerated = rows.filter((r) => isHeldOut(r) && !r.source.startsWith('real') && r.tags.length === 1);
const heldMulti = rows.filter((r) => isHeldOut(r) && !r.source.startsWith('real') && r.tags.length > 1);
const heldReal = rows.filter((r) => isHeldOut(r) && r.source.startsWith('real'));
const manifest: Manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : { current: '', versions: [] };
const version = process.argv.find((a) => a.startsWith('--version='))?.slice(10) ?? `v${manifest.versions.length + 1}`;
const folder = join(artifacts, version);
const trained = await trainModel(folder, train, { realWeight: Number(process.env.REAL_WEIGHT ?? 2), epochs: Number(process.env.EPOCHS ?? 12) });
writeModel(folder, trained);
const classifier = await createReasonClassifier({ modelDir: folder });
const heldout = {
  generated: await evaluate(classifier, heldGenerated),
  multi_reason: await evaluate(classifier, heldMulti),
  real_reviews: heldReal.length ? await evaluate(classifier, heldReal) : null,
};
writeFileSync(join(folder, 'metrics.json'), JSON.stringify({ version, train_size: train.length, vocab_size: trained.vocab.length, heldout }, null, 2));
const previous = manifest.versions.find((v) => v.version === manifest.current);
const prevF1 = (previous?.heldout as { generated?: { macro_f1: number } } | undefined)?.generated?.macro_f1 ?? 0;
const promote = !process.argv.includes('--promote-if-better') || heldout.generated.macro_f1 >= prevF1;
manifest.versions = manifest.versions.filter((v) => v.version !== version);
manifest.versions.push({ version, trained_at: new Date().toISOString(), corpus_hash: corpusHash(rows), train_size: train.length, heldout: { generated_macro_f1: heldout.generated.macro_f1, real_reviews_macro_f1: heldout.real_reviews?.macro_f1 ?? null, multi_reason_tag_recall: heldout.multi_reason.multi_reason_tag_recall } });
if (promote) manifest.current = version;
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
console.log(JSON.stringify({ version, promoted: promote, seconds: Math.round((performance.now() - started) / 1000), generated: heldout.generated.macro_f1, real: heldout.real_reviews?.macro_f1 ?? null, real_accuracy: heldout.real_reviews?.accuracy ?? null, multi_tag_recall: heldout.multi_reason.multi_reason_tag_recall }));
