import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { InvalidInputError } from '../shared/errors';
import { engineInTempDir, runCommandInProcess } from '../testing/temp-store';
import { registerRulesCommands } from './rules-commands';

let engine: Engine;
let dataDir: string;
let cleanup: () => Promise<void>;
let tenantId: string;

const approveApparel = {
  rules: [{ name: 'approve apparel', priority: 1, enabled: true, conditions: { all: [{ fact: 'category', operator: 'equal', value: 'apparel' }] }, outcome: { type: 'approve' } }],
};

beforeAll(async () => {
  ({ engine, dataDir, cleanup } = await engineInTempDir('rebound-cli-rules-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Rules', currency: 'EUR' })).tenant.id;
  await engine.rules.setRuleSet(tenantId, approveApparel, 'test');
});
afterAll(() => cleanup());

/** Runs `rules ...` in-process on the test engine: what it printed, and what it threw. */
const rules = (...args: string[]) => runCommandInProcess(engine, dataDir, registerRulesCommands, ['rules', ...args]);

describe('rebound rules refuses a rule set file that is not JSON', () => {
  it('refuses to set it, naming the file and what JSON.parse found, and keeps the active rule set', async () => {
    writeFileSync(join(dataDir, 'rules.json'), '{"rules": [{"name": "approve apparel",}]}');
    const { out, error } = await rules('set', 'rules.json', '--tenant', tenantId);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/ is not JSON: \S/);
    expect((error as Error).message).toContain(`${join(dataDir, 'rules.json')} is not JSON: `);
    expect(out).toEqual([]);
    expect(await engine.rules.getActive(tenantId)).toMatchObject({ version: 1, rules: [{ name: 'approve apparel' }] });
    expect(await engine.rules.history(tenantId)).toHaveLength(1);
  });

  it('refuses to backtest it, with the same message', async () => {
    writeFileSync(join(dataDir, 'draft.json'), 'rules: []');
    const { out, error } = await rules('backtest', 'draft.json', '--tenant', tenantId, '--json');
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/ is not JSON: \S/);
    expect((error as Error).message).toContain(`${join(dataDir, 'draft.json')} is not JSON: `);
    expect(out).toEqual([]);
  });
});
