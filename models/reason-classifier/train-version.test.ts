import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { trainVersion } from './train-version';

const dir = mkdtempSync(join(tmpdir(), 'rebound-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('trains a loadable version with corrections, and refuses to promote one that scores lower', async () => {
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ current: 'v0', versions: [{ version: 'v0', trained_at: '', corpus_hash: '', train_size: 0, heldout: { generated_macro_f1: 1.01 } }] }));
  const corrections = Array.from({ length: 30 }, (_, i) => ({ text: `the strap on bag ${i} snapped on day one`, label: 'defective' as const, tags: ['defective' as const], source: 'correction:t1' }));
  const result = await trainVersion({ artifactsDir: dir, extraRows: corrections, promoteIfBetter: true, version: 'v1' });
  expect(result.heldout.generated.macro_f1).toBeGreaterThan(0.9);
  expect(result.heldout.corrections?.n).toBeGreaterThan(0);
  expect(result.promoted).toBe(false);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  expect(manifest.current).toBe('v0');
  expect(manifest.versions.map((v: { version: string }) => v.version)).toEqual(['v0', 'v1']);
  const again = await trainVersion({ artifactsDir: dir, version: 'v2' });
  expect(again.promoted).toBe(true);
  expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).current).toBe('v2');
});
