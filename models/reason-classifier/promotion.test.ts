import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { decidePromotion, pruneArtifacts, versionFolders } from './promotion';

const current = { generated_macro_f1: 0.99, real_reviews_accuracy: 0.6, real_reviews_macro_f1: 0.4 };

it('promotes only when no held-out figure drops', () => {
  expect(decidePromotion({ generated_macro_f1: 0.99, real_reviews_accuracy: 0.61, real_reviews_macro_f1: 0.45 }, current, 'v4').promote).toBe(true);
  expect(decidePromotion({ ...current }, current, 'v4').promote).toBe(true);
  expect(decidePromotion(current, null).promote).toBe(true);
});

it('refuses a model that gains on generated text but loses on real reviews, and says which figure dropped', () => {
  const d = decidePromotion({ generated_macro_f1: 0.999, real_reviews_accuracy: 0.62, real_reviews_macro_f1: 0.38 }, current, 'v4');
  expect(d.promote).toBe(false);
  expect(d.reason).toContain('v4');
  expect(d.reason).toContain('real-review macro-F1 0.38 < 0.4');
  expect(d.reason).not.toContain('accuracy');
});

it('refuses on a drop of real-review accuracy alone, or of generated macro-F1 alone', () => {
  expect(decidePromotion({ ...current, real_reviews_accuracy: 0.59 }, current).reason).toContain('real-review accuracy');
  expect(decidePromotion({ ...current, generated_macro_f1: 0.98 }, current).reason).toContain('generated macro-F1');
});

it('counts a missing real-review figure as a drop when the current model has one', () => {
  expect(decidePromotion({ generated_macro_f1: 1, real_reviews_accuracy: null, real_reviews_macro_f1: null }, current).promote).toBe(false);
});

const dir = mkdtempSync(join(tmpdir(), 'rebound-prune-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('prunes the model folders of every version but the kept ones', () => {
  for (const v of ['v1', 'v2', 'v3', 'v4']) {
    mkdirSync(join(dir, v), { recursive: true });
    writeFileSync(join(dir, v, 'config.json'), '{}');
  }
  mkdirSync(join(dir, 'notes'));
  expect(versionFolders(dir).sort()).toEqual(['v1', 'v2', 'v3', 'v4']);
  expect(pruneArtifacts(dir, versionFolders(dir), ['v4', 'v3']).sort()).toEqual(['v1', 'v2']);
  expect(existsSync(join(dir, 'v3', 'config.json'))).toBe(true);
  expect(existsSync(join(dir, 'v1'))).toBe(false);
  expect(existsSync(join(dir, 'notes'))).toBe(true);
});
