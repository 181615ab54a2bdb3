import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { openEngine, type Engine } from '../engine';
import { engineInTempDir, seedTenantWithOrder } from '../testing/temp-store';
import { BullMqQueue } from './bullmq';

// A real Redis (127.0.0.1:6379, started by .ci/run); each test uses its own queue name so runs never collide.
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const queues: BullMqQueue[] = [];
const newQueue = (opts: Partial<ConstructorParameters<typeof BullMqQueue>[0]> = {}) => {
  const q = new BullMqQueue({ redisUrl, name: `test-${randomUUID()}`, backoffMs: 10, ...opts });
  queues.push(q);
  return q;
};
afterEach(async () => {
  for (const q of queues.splice(0)) {
    await q.obliterate().catch(() => undefined);
    await q.close();
  }
});

it('runs a job through Redis and retries a failing one until it lands in the dead letters', async () => {
  const q = newQueue({ attempts: 3 });
  const seen: unknown[] = [];
  let calls = 0;
  q.handle('ok', async (p) => void seen.push(p));
  q.handle('broken', async () => {
    calls++;
    throw new Error('the carrier API is down');
  });
  await q.enqueue('ok', { n: 1 });
  await q.enqueue('broken', { n: 2 });
  await q.drain();
  expect(seen).toEqual([{ n: 1 }]);
  expect(calls).toBe(3);
  const dead = await q.deadLetters();
  expect(dead).toMatchObject([{ name: 'broken', payload: { n: 2 }, error: 'the carrier API is down', attempts: 3 }]);
});

it('drives the engine pipeline on BullMQ: a new return is classified and scored', async () => {
  const q = newQueue();
  const { engine, cleanup } = await engineInTempDir('rebound-bull-');
  const onBull: Engine = await openEngine({ dataDir: engine.store.dataDir + '-bull', jobs: q });
  try {
    const { tenant } = await seedTenantWithOrder(onBull);
    const ret = await onBull.returns.requestReturn(tenant.id, { order_id: 'A-1001', lines: [{ sku: 'CAP', quantity: 1, reason_text: 'the colour is nothing like the photo' }] }, { actor: 't' });
    await q.drain();
    const after = await onBull.returns.getReturn(tenant.id, ret.return_id);
    expect(after.lines[0].predicted_reason_code).toBe('color');
    expect(after.fraud_score).toBe(0);
  } finally {
    await onBull.close();
    await cleanup();
    rmSync(engine.store.dataDir + '-bull', { recursive: true, force: true });
  }
});
