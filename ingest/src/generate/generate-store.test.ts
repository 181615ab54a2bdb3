import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generateStore } from './generate-store';

const dir = mkdtempSync(join(tmpdir(), 'rebound-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rowsOf = (file: string) => readFileSync(file, 'utf8').trim().split('\n').slice(1);

it('is the same store for the same seed, and another for another seed', async () => {
  const now = new Date('2026-11-01T00:00:00Z');
  const a = await generateStore({ orders: 400, seed: 7, outDir: join(dir, 'a'), now });
  const b = await generateStore({ orders: 400, seed: 7, outDir: join(dir, 'b'), now });
  const c = await generateStore({ orders: 400, seed: 8, outDir: join(dir, 'c'), now });
  expect(readFileSync(a.returnsFile, 'utf8')).toBe(readFileSync(b.returnsFile, 'utf8'));
  expect(readFileSync(a.returnsFile, 'utf8')).not.toBe(readFileSync(c.returnsFile, 'utf8'));
});

it('returns apparel and footwear far more often than electronics and home, and plants abuse patterns', async () => {
  const s = await generateStore({ orders: 6000, seed: 3, outDir: join(dir, 'big') });
  const lines = rowsOf(s.ordersFile).map((l) => l.split(','));
  const orderCategory = new Map(lines.map((l) => [`${l[0]}|${l[7]}`, l[9]]));
  const ordered = new Map<string, number>();
  for (const l of lines) ordered.set(l[9], (ordered.get(l[9]) ?? 0) + 1);
  const returned = new Map<string, number>();
  const patterns = new Set<string>();
  for (const r of rowsOf(s.returnsFile)) {
    const f = r.split(',');
    const cat = orderCategory.get(`${f[1]}|${f[2]}`)!;
    returned.set(cat, (returned.get(cat) ?? 0) + 1);
    patterns.add(f.at(-1)!);
  }
  const rate = (c: string) => (returned.get(c) ?? 0) / ordered.get(c)!;
  expect(rate('apparel')).toBeGreaterThan(3 * rate('electronics'));
  expect(rate('footwear')).toBeGreaterThan(3 * rate('home'));
  expect([...patterns].filter(Boolean).sort()).toEqual(['linked_accounts', 'return_after_window', 'serial_returner', 'wardrobing']);
});
