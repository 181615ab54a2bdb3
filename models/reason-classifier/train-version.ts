import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReasonClassifier } from '../../engine/src/classification/classifier';
import { evaluate, type EvalReport } from './eval';
import type { CorpusRow } from './generate-corpus';
import { corpusHash, isHeldOut, readCorpus, trainModel, writeModel } from './train';

const shippedArtifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

interface Manifest {
  current: string;
  versions: { version: string; trained_at: string; corpus_hash: string; train_size: number; heldout: Record<string, unknown> }[];
}

/** The outcome of training a version. */
export interface TrainedVersion {
  version: string;
  promoted: boolean;
  heldout: { generated: EvalReport; multi_reason: EvalReport; real_reviews: EvalReport | null; corrections: EvalReport | null };
  previousMacroF1: number | null;
}

/**
 * Trains a new model version on the corpus plus `extraRows` (merchants' corrections), evaluates it through
 * transformers.js on the held-out splits and records it in the manifest. With `promoteIfBetter` it becomes the
 * current model only when macro-F1 on the generated held-out split does not drop.
 */
export async function trainVersion(
  opts: { extraRows?: CorpusRow[]; promoteIfBetter?: boolean; version?: string; realWeight?: number; epochs?: number; artifactsDir?: string } = {},
): Promise<TrainedVersion> {
  const artifacts = opts.artifactsDir ?? shippedArtifacts;
  const manifestPath = join(artifacts, 'manifest.json');
  const rows = [...readCorpus(), ...(opts.extraRows ?? [])];
  const train = rows.filter((r) => !isHeldOut(r));
  const held = (pred: (r: CorpusRow) => boolean) => rows.filter((r) => isHeldOut(r) && pred(r));
  const manifest: Manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : { current: '', versions: [] };
  const version = opts.version ?? `v${manifest.versions.length + 1}`;
  const folder = join(artifacts, version);
  const trained = await trainModel(folder, train, { realWeight: opts.realWeight, epochs: opts.epochs });
  writeModel(folder, trained);
  const classifier = await createReasonClassifier({ modelDir: folder });
  const realRows = held((r) => r.source.startsWith('real'));
  const correctionRows = held((r) => r.source.startsWith('correction'));
  const heldout = {
    generated: await evaluate(classifier, held((r) => r.source.startsWith('generated') && r.tags.length === 1)),
    multi_reason: await evaluate(classifier, held((r) => r.source.startsWith('generated') && r.tags.length > 1)),
    real_reviews: realRows.length ? await evaluate(classifier, realRows) : null,
    corrections: correctionRows.length ? await evaluate(classifier, correctionRows) : null,
  };
  writeFileSync(join(folder, 'metrics.json'), JSON.stringify({ version, train_size: train.length, vocab_size: trained.vocab.length, heldout }, null, 2));
  const previous = manifest.versions.find((v) => v.version === manifest.current);
  const previousMacroF1 = (previous?.heldout.generated_macro_f1 as number | undefined) ?? null;
  const promoted = !opts.promoteIfBetter || previousMacroF1 === null || heldout.generated.macro_f1 >= previousMacroF1;
  manifest.versions = manifest.versions.filter((v) => v.version !== version);
  manifest.versions.push({
    version,
    trained_at: new Date().toISOString(),
    corpus_hash: corpusHash(rows),
    train_size: train.length,
    heldout: { generated_macro_f1: heldout.generated.macro_f1, real_reviews_macro_f1: heldout.real_reviews?.macro_f1 ?? null, multi_reason_tag_recall: heldout.multi_reason.multi_reason_tag_recall ?? null, corrections_accuracy: heldout.corrections?.accuracy ?? null },
  });
  if (promoted) manifest.current = version;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { version, promoted, heldout, previousMacroF1 };
}
