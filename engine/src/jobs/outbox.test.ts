import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openEngine, type Engine } from '../engine';
import { engineInTempDir, seedTenantWithOrder } from '../testing/temp-store';
import { BullMqQueue } from './bullmq';
import { InProcessQueue } from './in-process';
import { JobOutbox } from './outbox';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// A Redis of the test's own (redis-server, as .ci/run installs it) on a free port, so the test can stop it
// and start it again without touching the shared one.
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

/** A redis-server of the test's own on a free port, killed after the test; `stop` and `start` it at will. */
async function ownRedis(): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void> }> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const redis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      for (let i = 0; i < 100 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 50));
    },
    async stop() {
      child?.kill('SIGKILL');
      for (let i = 0; i < 100 && (await answers(port)); i++) await new Promise((r) => setTimeout(r, 50));
    },
  };
  await redis.start();
  cleanups.push(() => void child?.kill('SIGKILL'));
  return redis;
}

/** A data directory removed after the test. */
function tempDataDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function until(what: string, ok: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}


it('keeps a request\'s follow-up work while Redis is down: the request is answered, the job goes when Redis is back', async () => {
  const redis = await ownRedis();
  const dataDir = tempDataDir('rebound-outbox-');
  const logged: string[] = [];
  const queue = new BullMqQueue({ redisUrl: redis.url, name: `outbox-${randomUUID()}`, backoffMs: 10 });
  const engine = await openEngine({ dataDir, jobs: queue, outbox: { waitMs: 300, retryMs: 100, maxRetryMs: 500, log: (m) => logged.push(m) } });
  cleanups.push(() => engine.close());
  const { tenant } = await seedTenantWithOrder(engine);
  const classified = (id: string) => async () => (await engine.returns.getReturn(tenant.id, id)).lines[0].predicted_reason_code !== null;

  const before = await engine.returns.requestReturn(tenant.id, { order_id: 'A-1001', lines: [{ sku: 'CAP', quantity: 1, reason_text: 'the colour is nothing like the photo' }] }, { actor: 't' });
  await until('the first return is classified', classified(before.return_id));

  await redis.stop();
  const started = Date.now();
  const during = await engine.returns.requestReturn(tenant.id, { order_id: 'A-1001', lines: [{ sku: 'HOOD-M', quantity: 1, reason_text: 'way too small, ordered my usual size' }] }, { actor: 't' });
  // Answered after the outbox's wait, not held until Redis answers; stored, and its job kept.
  expect(Date.now() - started).toBeLessThan(5_000);
  expect((await engine.returns.getReturn(tenant.id, during.return_id)).status).toBe('requested');
  expect(await engine.outbox.pending()).toBe(1);
  // Once the queue is known to be down, requests do not wait for it at all.
  const next = Date.now();
  const alsoDuring = await engine.returns.requestReturn(tenant.id, { order_id: 'A-1001', lines: [{ sku: 'SPKR', quantity: 1, reason_text: 'stopped working after a day' }] }, { actor: 't' });
  expect(Date.now() - next).toBeLessThan(300);
  expect(await engine.outbox.pending()).toBe(2);
  expect(logged).toEqual([expect.stringMatching(/^follow-up jobs wait in the store's outbox \(the job queue did not take them within 300 ms\)/)]);

  await redis.start();
  await until('the outbox is empty', async () => (await engine.outbox.pending()) === 0);
  await until('the returns made while Redis was down are classified', async () => (await classified(during.return_id)()) && (await classified(alsoDuring.return_id)()));
  expect((await engine.returns.getReturn(tenant.id, during.return_id)).lines[0].predicted_reason_code).toBe('size_too_small');
  expect(logged[1]).toMatch(/^the job queue answers again/);
});

it('hands over at start the jobs a stopped server left in the outbox', async () => {
  const redis = await ownRedis();
  const dataDir = tempDataDir('rebound-outbox-restart-');
  const name = `outbox-${randomUUID()}`;
  const redisUrl = redis.url;
  const quiet = { waitMs: 200, retryMs: 60_000, log: () => undefined };
  let engine: Engine = await openEngine({ dataDir, jobs: new BullMqQueue({ redisUrl, name }), outbox: quiet });
  const { tenant } = await seedTenantWithOrder(engine);
  await redis.stop();
  const ret = await engine.returns.requestReturn(tenant.id, { order_id: 'A-1001', lines: [{ sku: 'CAP', quantity: 1, reason_text: 'the colour is nothing like the photo' }] }, { actor: 't' });
  await engine.returns.transition(tenant.id, ret.return_id, 'cancel', { reason: 'changed my mind' }, { actor: 't' });
  expect(await engine.outbox.pending()).toBe(2);
  // Closing does not wait for a Redis that does not answer.
  const closing = Date.now();
  await engine.close();
  expect(Date.now() - closing).toBeLessThan(10_000);

  await redis.start();
  engine = await openEngine({ dataDir, jobs: new BullMqQueue({ redisUrl, name }), outbox: quiet });
  cleanups.push(() => engine.close());
  expect(await engine.outbox.pending()).toBe(2);
  await engine.outbox.deliver();
  await until('the outbox is empty', async () => (await engine.outbox.pending()) === 0);
  await engine.jobs.drain();
  expect((await engine.returns.getReturn(tenant.id, ret.return_id)).lines[0].predicted_reason_code).toBe('color');
  expect(await engine.jobs.deadLetters()).toEqual([]);
});

it('writes no job for a change that was refused, and leaves none waiting after one that was made', async () => {
  const { engine, cleanup } = await engineInTempDir('rebound-outbox-refused-');
  cleanups.push(cleanup);
  const { tenant } = await seedTenantWithOrder(engine);
  const ret = await engine.returns.requestReturn(tenant.id, { order_id: 'A-1001', lines: [{ sku: 'CAP', quantity: 1 }] }, { actor: 't' });
  expect(await engine.outbox.pending()).toBe(0);
  const count = async () => Number((await engine.store.query<{ n: number }>('select count(*)::int as n from job_outbox'))[0].n);
  // A handed-over row is deleted shortly after, with the others handed over meanwhile.
  await until('the handed-over row is deleted', async () => (await count()) === 0, 5_000);
  await expect(engine.returns.transition(tenant.id, ret.return_id, 'receive', {}, { actor: 't' })).rejects.toThrow(/receive/);
  await expect(engine.returns.requestReturn(tenant.id, { order_id: 'A-1001', lines: [{ sku: 'CAP', quantity: 5 }] }, { actor: 't' })).rejects.toThrow();
  expect(await count()).toBe(0);
  await engine.jobs.drain();
  expect((await engine.returns.getReturn(tenant.id, ret.return_id)).fraud_score).not.toBeNull();
});

it('keeps a job in the outbox until the in-process queue has run it, so a crash before that runs it at the next start', async () => {
  const { engine, cleanup } = await engineInTempDir('rebound-outbox-in-process-');
  cleanups.push(cleanup);
  const rows = async () => Number((await engine.store.query<{ n: number }>("select count(*)::int as n from job_outbox where name = 'test.slow'"))[0].n);
  let release: () => void = () => undefined;
  const first = new InProcessQueue();
  first.handle('test.slow', () => new Promise<void>((resolve) => (release = resolve)));
  const before = new JobOutbox(engine.store.db, first, { log: () => undefined });
  const job = await engine.store.db.transaction().execute((trx) => before.add(trx, 'test.slow', { n: 1 }));
  await before.deliver([job]);
  await new Promise((r) => setTimeout(r, 600)); // well past the batched delete of handed-over rows
  expect(await rows()).toBe(1); // taken and running: the row stays
  expect(await before.pending()).toBe(0); // but it does not wait to be handed over
  // The process dies here, the job unfinished. The next start hands it over again, and it runs.
  const ran: unknown[] = [];
  const after = new InProcessQueue();
  after.handle('test.slow', async (payload) => void ran.push(payload));
  const restarted = new JobOutbox(engine.store.db, after, { log: () => undefined });
  await restarted.deliver();
  await after.drain();
  expect(ran).toEqual([{ n: 1 }]);
  await until('the row is gone once its job has run', async () => (await rows()) === 0, 5_000);
  release();
  await first.drain();
  await before.close();
  await restarted.close();
});
