import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { trainVersion, type Manifest } from './train-version';

const dir = mkdtempSync(join(tmpdir(), 'rebound-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const manifest = (): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

it('trains a loadable version with corrections, promotes it only when no held-out figure drops, says why, and prunes old folders', async () => {
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ current: 'v0', versions: [{ version: 'v0', trained_at: '', corpus_hash: '', train_size: 0, heldout: { generated_macro_f1: 1.01 } }] }));
  const corrections = Array.from({ length: 30 }, (_, i) => ({ text: `the strap on bag ${i} snapped on day one`, label: 'defective' as const, tags: ['defective' as const], source: 'correction:t1' }));

  // v0 (no files left) is compared by its recorded figures: nothing can beat a generated macro-F1 of 1.01.
  const refused = await trainVersion({ artifactsDir: dir, extraRows: corrections, promoteIfBetter: true, version: 'v1' });
  expect(refused.heldout.generated.macro_f1).toBeGreaterThan(0.9);
  expect(refused.heldout.corrections?.n).toBeGreaterThan(0);
  expect(refused.heldout.real_reviews?.n).toBeGreaterThan(100);
  expect(refused.promoted).toBe(false);
  expect(manifest().current).toBe('v0');
  expect(manifest().versions.find((v) => v.version === 'v1')?.note).toMatch(/^not promoted: .*generated macro-F1 .* < 1\.01/);

  // Without --promote-if-better the new version becomes current; the one it replaced is kept as previous.
  const good = await trainVersion({ artifactsDir: dir, version: 'v2' });
  expect(good.promoted).toBe(true);
  expect(manifest()).toMatchObject({ current: 'v2', previous: 'v0' });
  expect(existsSync(join(dir, 'v1'))).toBe(false);
  expect(manifest().versions.find((v) => v.version === 'v1')?.artifacts_pruned).toBe(true);

  // A barely trained model scores lower than v2 on the same held-out texts, re-scored from v2's folder.
  const worse = await trainVersion({ artifactsDir: dir, version: 'v3', promoteIfBetter: true, train: { epochs: 1, learningRate: 0.02 } });
  expect(worse.previous?.version).toBe('v2');
  expect(worse.previous?.real_reviews_macro_f1).toBe(good.heldout.real_reviews?.macro_f1);
  expect(worse.promoted).toBe(false);
  const entry = manifest().versions.find((v) => v.version === 'v3');
  expect(entry?.promoted).toBe(false);
  expect(entry?.note).toMatch(/^not promoted: scores lower than v2 on the same held-out texts \(.*real-review (accuracy|macro-F1)/);
  expect(manifest().current).toBe('v2');
  expect(existsSync(join(dir, 'v2', 'onnx', 'model.onnx'))).toBe(true);
  expect(existsSync(join(dir, 'v3'))).toBe(false);
}, 600_000);
