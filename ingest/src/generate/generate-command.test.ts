import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, type Engine } from '@rebound/engine';
import { engineInTempDir, runCommandInProcess } from '@rebound/engine/testing';
import { registerGenerateCommand } from './generate-command';

let engine: Engine;
let dataDir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ engine, dataDir, cleanup } = await engineInTempDir('rebound-cli-generate-'));
  await engine.tenants.createTenant({ name: 'Generated', currency: 'EUR' });
});
afterAll(() => cleanup());

/** Runs `generate ...` in-process on the test engine: what it printed, and what it threw. */
const generate = (...args: string[]) => runCommandInProcess(engine, dataDir, registerGenerateCommand, ['generate', ...args]);

const ordersStored = async () => (await engine.store.query<{ n: number }>('select count(*)::int as n from orders'))[0].n;

describe('rebound generate refuses counts and seeds that are not whole numbers', () => {
  it('refuses --orders below 1 or not whole, saying what it got, and generates nothing', async () => {
    for (const given of ['0', '-3', '2.5', 'many']) {
      const { out, error } = await generate(`--orders=${given}`, '--out', 'files');
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toBe(`--orders must be a whole number >= 1, got '${given}'`);
      expect(out).toEqual([]);
    }
    expect((await generate('--orders', '0')).error).toBeInstanceOf(InvalidInputError);
    expect(existsSync(join(dataDir, 'files'))).toBe(false);
    expect(await ordersStored()).toBe(0);
  });

  it('refuses a --seed that is not a whole number, and generates nothing', async () => {
    for (const seed of ['1.5', 'lucky']) {
      const { out, error } = await generate('--orders', '5', '--seed', seed);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toBe(`--seed must be a whole number, got '${seed}'`);
      expect(out).toEqual([]);
    }
    expect((await generate('--orders', '5', '--seed', '1.5', '--out', 'files')).error).toBeInstanceOf(InvalidInputError);
    expect(existsSync(join(dataDir, 'files'))).toBe(false);
    expect(await ordersStored()).toBe(0);
  });
});
