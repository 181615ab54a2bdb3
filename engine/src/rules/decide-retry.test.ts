import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { engineInTempDir, seedTenantWithOrder } from '../testing/temp-store';

let engine: Engine;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ engine, cleanup } = await engineInTempDir('rebound-decide-retry-')));
afterEach(() => cleanup());

const approveApparel = {
  rules: [{ name: 'approve apparel', priority: 1, enabled: true, conditions: { all: [{ fact: 'category', operator: 'equal', value: 'apparel' }] }, outcome: { type: 'approve' } }],
};

it('applies a logged rule decision when the job is retried after failing between logging and applying it', async () => {
  const { tenant } = await seedTenantWithOrder(engine);
  await engine.rules.setRuleSet(tenant.id, approveApparel, 'test');
  // The worker dies (here: the first attempt fails) after the decision is in the log, before the return moved.
  const transition = engine.returns.transition.bind(engine.returns);
  let failed = false;
  engine.returns.transition = async (...args) => {
    if (args[4].source === 'rules' && !failed) {
      failed = true;
      throw new Error('worker killed');
    }
    return transition(...args);
  };
  const ret = await engine.returns.requestReturn(tenant.id, { order_id: 'A-1001', lines: [{ sku: 'CAP', quantity: 1, reason_text: 'too small' }] }, { actor: 'customer' });
  await engine.jobs.drain();
  expect(failed).toBe(true);
  expect(await engine.jobs.deadLetters()).toEqual([]);
  const after = await engine.returns.getReturn(tenant.id, ret.return_id, { timeline: true });
  expect(after.status).toBe('approved');
  expect(after.timeline!.filter((e) => e.type === 'return.decided')).toHaveLength(1);
  expect(after.timeline!.find((e) => e.type === 'return.approved')?.actor).toBe('rules:v1:approve apparel');
});
