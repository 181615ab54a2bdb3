import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../../engine';
import { engineInTempDir, seedTenantWithOrder } from '../../testing/temp-store';

let engine: Engine;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ engine, cleanup } = await engineInTempDir('rebound-pipeline-')));
afterAll(() => cleanup());

it('scores a new return through the job pipeline, and re-scores it at receipt', async () => {
  const { tenant } = await seedTenantWithOrder(engine);
  const ret = await engine.returns.requestReturn(tenant.id, { order_id: 'A-1001', lines: [{ sku: 'CAP', quantity: 1 }] }, { actor: 't' });
  await engine.jobs.drain();
  expect((await engine.returns.getReturn(tenant.id, ret.return_id)).fraud_score).toBe(0);
  await engine.returns.transition(tenant.id, ret.return_id, 'approve', {}, { actor: 't' });
  await engine.returns.transition(tenant.id, ret.return_id, 'receive', { lines: [{ sku: 'CAP', received_sku: 'HAT' }] }, { actor: 't' });
  await engine.jobs.drain();
  const after = await engine.returns.getReturn(tenant.id, ret.return_id);
  expect(after.fraud_score).toBeGreaterThan(0.5);
  expect(after.fraud_signals).toEqual([expect.objectContaining({ signal: 'item_mismatch' })]);
});

it("stores the classifier's reading beside the customer's own reason code", async () => {
  const { tenant } = await seedTenantWithOrder(engine, { currency: 'USD' });
  const ret = await engine.returns.requestReturn(
    tenant.id,
    { order_id: 'A-1001', lines: [{ sku: 'HOOD-M', quantity: 1, reason_code: 'UNWANTED', reason_text: 'way too big, swimming in it' }, { sku: 'SPKR', quantity: 1, reason_text: 'crackles at any volume' }] },
    { actor: 't' },
  );
  await engine.jobs.drain();
  const lines = (await engine.returns.getReturn(tenant.id, ret.return_id)).lines;
  expect(lines.map((l) => [l.sku, l.reason_code, l.predicted_reason_code])).toEqual([
    ['HOOD-M', 'unwanted', 'size_too_large'],
    ['SPKR', null, 'defective'],
  ]);
  expect(lines[0].predicted_confidence).toBeGreaterThan(0.5);
});
