import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openEngine, type Engine } from '../engine';
import { engineInTempDir, seedTenantWithOrder } from '../testing/temp-store';
import { BullMqQueue, queueNameFor } from './bullmq';

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

it('runs a job queued again under the id it was given once, as the in-process queue does', async () => {
  const q = newQueue();
  const seen: unknown[] = [];
  q.handle('mail', async (p) => void seen.push(p));
  await q.enqueue('mail', { n: 1 }, { jobId: 'mail.return.approve/t1/r1/v2' });
  await q.drain();
  await q.enqueue('mail', { n: 2 }, { jobId: 'mail.return.approve/t1/r1/v2' });
  await q.enqueue('mail', { n: 3 }, { jobId: 'mail.return.approve/t1/r1/v3' });
  await q.drain();
  expect(seen).toEqual([{ n: 1 }, { n: 3 }]);
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

it('gives each data directory its own queue, however its path is spelled', async () => {
  const { engine, cleanup } = await engineInTempDir('rebound-bull-name-');
  const other = await engineInTempDir('rebound-bull-name-');
  try {
    const dir = engine.store.dataDir;
    expect(queueNameFor(dir)).toBe(queueNameFor(`${dir}/../${dir.split('/').pop()}`));
    expect(queueNameFor(dir)).not.toBe(queueNameFor(other.engine.store.dataDir));
    expect(queueNameFor(dir)).toMatch(/^rebound-jobs-[0-9a-f]{16}$/);
  } finally {
    await other.cleanup();
    await cleanup();
  }
});

it('keeps two stores on one Redis apart: each store\'s jobs reach its own worker and change only its returns', async () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'rebound-bull-a-')), mkdtempSync(join(tmpdir(), 'rebound-bull-b-'))];
  const saved = process.env.REDIS_URL;
  process.env.REDIS_URL = redisUrl;
  const [a, b] = await Promise.all(dirs.map((dataDir) => openEngine({ dataDir })));
  if (saved === undefined) delete process.env.REDIS_URL;
  else process.env.REDIS_URL = saved;
  try {
    expect(a.jobs).toBeInstanceOf(BullMqQueue);
    expect((a.jobs as BullMqQueue).name).toBe(queueNameFor(dirs[0]));
    expect((b.jobs as BullMqQueue).name).toBe(queueNameFor(dirs[1]));
    const seededA = await seedTenantWithOrder(a);
    const seededB = await seedTenantWithOrder(b);
    const texts = ['the colour is nothing like the photo', 'way too small, ordered my usual size'];
    const made = [];
    for (let i = 0; i < 6; i++) {
      made.push(await a.returns.requestReturn(seededA.tenant.id, { order_id: 'A-1001', lines: [{ sku: 'CAP', quantity: 1, reason_text: texts[0] }] }, { actor: 't' }).then((r) => ['a', r.return_id]));
      await a.returns.transition(seededA.tenant.id, made[made.length - 1][1], 'cancel', {}, { actor: 't' });
    }
    const rb = await b.returns.requestReturn(seededB.tenant.id, { order_id: 'A-1001', lines: [{ sku: 'CAP', quantity: 1, reason_text: texts[1] }] }, { actor: 't' });
    await (a.jobs as BullMqQueue).drain();
    await (b.jobs as BullMqQueue).drain();
    for (const [, id] of made) expect((await a.returns.getReturn(seededA.tenant.id, id)).lines[0].predicted_reason_code).toBe('color');
    expect((await b.returns.getReturn(seededB.tenant.id, rb.return_id)).lines[0].predicted_reason_code).toBe('size_too_small');
    expect(await a.jobs.deadLetters()).toEqual([]);
    expect(await b.jobs.deadLetters()).toEqual([]);
  } finally {
    for (const e of [a, b]) {
      await (e.jobs as BullMqQueue).obliterate().catch(() => undefined);
      await e.close();
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
});
