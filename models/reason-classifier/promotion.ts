/**
 * The promotion rule of the reason classifier: a newly trained version becomes current only if, on the same
 * held-out texts, it does not score lower than the current version on generated text (macro-F1) nor on the
 * hand-labelled real reviews (accuracy and macro-F1). Real reviews are what customers write, so a model that
 * gains on generated text but loses on them is refused.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalReport } from './eval';

/** The figures a promotion decision compares, both models scored on the same held-out rows. */
export interface HeldoutFigures {
  generated_macro_f1: number;
  real_reviews_accuracy: number | null;
  real_reviews_macro_f1: number | null;
}

/** The outcome of comparing a candidate with the current version. */
export interface PromotionDecision {
  promote: boolean;
  /** Why, in one sentence (recorded in the manifest). */
  reason: string;
}

/** The compared figures of an evaluation. */
export function figuresOf(generated: EvalReport, real: EvalReport | null): HeldoutFigures {
  return { generated_macro_f1: generated.macro_f1, real_reviews_accuracy: real?.accuracy ?? null, real_reviews_macro_f1: real?.macro_f1 ?? null };
}

/** Decides whether `candidate` may replace `current` (null: nothing to compare with, so it is promoted). */
export function decidePromotion(candidate: HeldoutFigures, current: HeldoutFigures | null, currentVersion = 'the current version'): PromotionDecision {
  if (!current) return { promote: true, reason: 'no current version to compare with' };
  const drops: string[] = [];
  const check = (name: string, mine: number | null, theirs: number | null) => {
    // A figure the current model has but the candidate lacks counts as a drop: nothing proves it did not get worse.
    if (theirs !== null && (mine === null || mine < theirs)) drops.push(`${name} ${mine ?? 'n/a'} < ${theirs}`);
  };
  check('generated macro-F1', candidate.generated_macro_f1, current.generated_macro_f1);
  check('real-review accuracy', candidate.real_reviews_accuracy, current.real_reviews_accuracy);
  check('real-review macro-F1', candidate.real_reviews_macro_f1, current.real_reviews_macro_f1);
  if (drops.length) return { promote: false, reason: `not promoted: scores lower than ${currentVersion} on the same held-out texts (${drops.join('; ')})` };
  return { promote: true, reason: `promoted: no held-out figure below ${currentVersion} on the same held-out texts` };
}

/**
 * Deletes the artifact folders of versions that are neither `keep` (current and the one before it) and returns
 * the versions whose folders were removed; their manifest entries stay.
 */
export function pruneArtifacts(artifactsDir: string, versions: string[], keep: string[]): string[] {
  const pruned: string[] = [];
  for (const v of versions) {
    const folder = join(artifactsDir, v);
    if (keep.includes(v) || !existsSync(folder) || !existsSync(join(folder, 'config.json'))) continue;
    rmSync(folder, { recursive: true, force: true });
    pruned.push(v);
  }
  return pruned;
}

/** Version folders present in an artifacts directory (names like v1, v12). */
export function versionFolders(artifactsDir: string): string[] {
  return existsSync(artifactsDir) ? readdirSync(artifactsDir).filter((f) => /^v\d+$/.test(f)) : [];
}
