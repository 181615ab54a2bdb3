import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { expect, it } from 'vitest';
import { openEngine } from '../engine';
import { BullMqQueue } from './bullmq';
import { InProcessQueue } from './in-process';

const FIXTURE = join(import.meta.dirname, 'kill-worker.fixture.ts');
// Node itself with tsx's loader (not the tsx CLI, which runs a second process that a SIGKILL would leave alive).

function startWorker(dataDir: string, prefix: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, prefix], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

it('a worker killed with SIGKILL mid-batch loses nothing: after a restart every event is applied exactly once', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rebound-kill-'));
  const prefix = `rebound-test-kill-${process.pid}-${Date.now()}`;
  const producer = new BullMqQueue({ redisUrl: 'redis://127.0.0.1:6379', prefix, name: 'kill-test', work: false });
  const watch = new Queue('kill-test', { connection: { host: '127.0.0.1', port: 6379 }, prefix });
  try {
    const first = await startWorker(dataDir, prefix);
    const events = 80;
    for (let n = 1; n <= events; n++) await producer.enqueue('mark', { event: n }, { jobId: `event-${n}` });
    for (;;) {
      const c = await watch.getJobCounts('completed', 'active');
      if (c.completed! >= 20 && c.active! >= 1) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    first.kill('SIGKILL');
    await exited(first);
    const atKill = await watch.getJobCounts('completed', 'waiting', 'active');
    expect(atKill.completed).toBeLessThan(events);
    const second = await startWorker(dataDir, prefix);
    await producer.drain();
    second.kill('SIGTERM');
    await exited(second);
    const engine = await openEngine({ dataDir, jobs: new InProcessQueue() });
    const rows = await engine.store.query<{ event: number; n: number }>('select event, count(*)::integer as n from marks group by event order by event');
    await engine.close();
    expect(rows.length).toBe(events);
    expect(rows.every((r, i) => r.event === i + 1 && r.n === 1)).toBe(true);
    expect(await watch.getFailedCount()).toBe(0);
  } finally {
    await watch.obliterate({ force: true }).catch(() => undefined);
    await watch.close();
    await producer.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
