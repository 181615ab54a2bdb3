import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReasonClassifier, type ReasonClassifier } from '../../engine/src/classification/classifier';
import { evaluate, type EvalReport } from './eval';
import type { CorpusRow } from './generate-corpus';
import { decidePromotion, figuresOf, pruneArtifacts, versionFolders, type HeldoutFigures } from './promotion';
import { corpusHash, isHeldOut, readCorpus, trainModel, writeModel, type TrainOptions } from './train';

const shippedArtifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** One manifest entry (older entries may lack the newer fields). */
export interface ManifestVersion {
  version: string;
  trained_at: string;
  corpus_hash: string;
  train_size: number;
  heldout: Record<string, unknown>;
  promoted?: boolean;
  note?: string;
  artifacts_pruned?: boolean;
  /** How it was trained, in words (written by hand when a version is released). */
  recipe?: string;
}

/** artifacts/manifest.json: the current version, the one before it, and every version trained. */
export interface Manifest {
  current: string;
  previous?: string;
  versions: ManifestVersion[];
}

/** The outcome of training a version. */
export interface TrainedVersion {
  version: string;
  promoted: boolean;
  /** Why it was (not) promoted, as written in the manifest. */
  reason: string;
  heldout: { generated: EvalReport; multi_reason: EvalReport; real_reviews: EvalReport | null; corrections: EvalReport | null };
  /** The current version's figures on the same held-out texts (null when there was none to compare with). */
  previous: (HeldoutFigures & { version: string }) | null;
}

/** Held-out splits of a corpus (fixed by isHeldOut). */
function heldoutSplits(rows: CorpusRow[]) {
  const held = rows.filter(isHeldOut);
  return {
    generated: held.filter((r) => r.source.startsWith('generated') && r.tags.length === 1),
    multi_reason: held.filter((r) => r.source.startsWith('generated') && r.tags.length > 1),
    real_reviews: held.filter((r) => r.source.startsWith('real')),
    corrections: held.filter((r) => r.source.startsWith('correction')),
  };
}

/** Scores a classifier on every held-out split. */
async function evaluateSplits(classifier: ReasonClassifier, splits: ReturnType<typeof heldoutSplits>): Promise<TrainedVersion['heldout']> {
  return {
    generated: await evaluate(classifier, splits.generated),
    multi_reason: await evaluate(classifier, splits.multi_reason),
    real_reviews: splits.real_reviews.length ? await evaluate(classifier, splits.real_reviews) : null,
    corrections: splits.corrections.length ? await evaluate(classifier, splits.corrections) : null,
  };
}

/**
 * The current version's figures on the same held-out texts: re-scored from its artifact folder when it is there
 * (the held-out split grows with the corpus, so recorded figures are not comparable), else as recorded.
 */
async function currentFigures(artifacts: string, manifest: Manifest, splits: ReturnType<typeof heldoutSplits>): Promise<(HeldoutFigures & { version: string }) | null> {
  const entry = manifest.versions.find((v) => v.version === manifest.current);
  if (!entry) return null;
  const folder = join(artifacts, entry.version);
  if (existsSync(join(folder, 'config.json'))) {
    const classifier = await createReasonClassifier({ modelDir: folder });
    const real = splits.real_reviews.length ? await evaluate(classifier, splits.real_reviews) : null;
    return { version: entry.version, ...figuresOf(await evaluate(classifier, splits.generated), real) };
  }
  const h = entry.heldout;
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  return { version: entry.version, generated_macro_f1: num(h.generated_macro_f1) ?? 0, real_reviews_accuracy: num(h.real_reviews_accuracy), real_reviews_macro_f1: num(h.real_reviews_macro_f1) };
}

/**
 * Trains a new model version on the corpus plus `extraRows` (merchants' corrections), evaluates it through
 * transformers.js on the held-out splits and records it in the manifest. With `promoteIfBetter` it becomes the
 * current model only under the rule of promotion.ts (no drop on generated macro-F1, real-review accuracy or
 * real-review macro-F1 against the current model on the same held-out texts); the manifest says why. Artifact
 * folders of versions that are neither current nor the one before it are then pruned.
 */
export async function trainVersion(
  opts: { extraRows?: CorpusRow[]; promoteIfBetter?: boolean; version?: string; realWeight?: number; epochs?: number; artifactsDir?: string; train?: TrainOptions } = {},
): Promise<TrainedVersion> {
  const artifacts = opts.artifactsDir ?? shippedArtifacts;
  const manifestPath = join(artifacts, 'manifest.json');
  const rows = [...readCorpus(), ...(opts.extraRows ?? [])];
  const train = rows.filter((r) => !isHeldOut(r));
  const splits = heldoutSplits(rows);
  const manifest: Manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : { current: '', versions: [] };
  const version = opts.version ?? `v${Math.max(0, ...manifest.versions.map((v) => Number(v.version.slice(1)) || 0)) + 1}`;
  const folder = join(artifacts, version);
  const trainOpts: TrainOptions = { ...opts.train };
  if (opts.realWeight !== undefined) trainOpts.realWeight = opts.realWeight;
  if (opts.epochs !== undefined) trainOpts.epochs = opts.epochs;
  const trained = await trainModel(folder, train, trainOpts);
  writeModel(folder, trained);
  const heldout = await evaluateSplits(await createReasonClassifier({ modelDir: folder }), splits);
  const mine = figuresOf(heldout.generated, heldout.real_reviews);
  const previous = manifest.current && manifest.current !== version ? await currentFigures(artifacts, manifest, splits) : null;
  const decision = opts.promoteIfBetter ? decidePromotion(mine, previous, previous?.version) : { promote: true, reason: 'promoted without comparison (--promote-if-better not given)' };
  writeFileSync(
    join(folder, 'metrics.json'),
    JSON.stringify({ version, train_size: train.length, vocab_size: trained.vocab.length, temperature: trained.temperature, heldout, compared_with: previous }, null, 2),
  );
  manifest.versions = manifest.versions.filter((v) => v.version !== version);
  manifest.versions.push({
    version,
    trained_at: new Date().toISOString(),
    corpus_hash: corpusHash(rows),
    train_size: train.length,
    heldout: {
      generated_macro_f1: mine.generated_macro_f1,
      real_reviews_accuracy: mine.real_reviews_accuracy,
      real_reviews_macro_f1: mine.real_reviews_macro_f1,
      real_reviews_n: heldout.real_reviews?.n ?? 0,
      multi_reason_tag_recall: heldout.multi_reason.multi_reason_tag_recall ?? null,
      corrections_accuracy: heldout.corrections?.accuracy ?? null,
      ...(previous ? { compared_with: previous } : {}),
    },
    promoted: decision.promote,
    note: decision.reason,
  });
  if (decision.promote && manifest.current !== version) {
    if (manifest.current) manifest.previous = manifest.current;
    manifest.current = version;
  }
  // Keep the repository small: only the current model and the one it replaced keep their files.
  const keep = [manifest.current, manifest.previous].filter((v): v is string => !!v);
  for (const v of pruneArtifacts(artifacts, versionFolders(artifacts), keep)) {
    const entry = manifest.versions.find((e) => e.version === v);
    if (entry) entry.artifacts_pruned = true;
  }
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { version, promoted: decision.promote, reason: decision.reason, heldout, previous };
}
