import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { DeadLetter, JobHandler, JobQueue } from './queue';

/** Options of the Redis-backed queue. */
export interface BullMqQueueOptions {
  redisUrl: string;
  /** Queue name (also the Redis key prefix part); one per data directory in practice. */
  name?: string;
  prefix?: string;
  attempts?: number;
  backoffMs?: number;
  /** Start a worker in this process (the server does: it owns the DuckDB file the jobs write to). */
  work?: boolean;
  /** How long a worker's lock on an active job lasts; a killed worker's job is taken up again after it (BullMQ default 30 s). */
  lockDurationMs?: number;
}

/**
 * The queue of one data directory: jobs write to that directory's DuckDB file, so two stores sharing a Redis must
 * never take each other's jobs. Named from the directory's real path, the same however it is spelled.
 */
export function queueNameFor(dataDir: string): string {
  let path = resolve(dataDir);
  try {
    path = realpathSync(path);
  } catch {
    // not created yet: the resolved path names it
  }
  return `rebound-jobs-${createHash('sha256').update(path).digest('hex').slice(0, 16)}`;
}

/** How long closing waits for Redis before dropping the connections (ms). */
const CLOSE_GRACE_MS = 2000;

function connectionFrom(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    maxRetriesPerRequest: null,
  };
}

/**
 * Jobs on Redis through BullMQ: accepted jobs survive a crash of this process, failed ones are retried with
 * exponential backoff, and jobs that fail every attempt stay in BullMQ's failed set, our dead-letter list.
 * The worker runs in the process that owns the store (serve), since DuckDB allows one writer per file.
 */
export class BullMqQueue implements JobQueue {
  readonly durable = true;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly opts: Required<Omit<BullMqQueueOptions, 'redisUrl'>> & { redisUrl: string };

  /** The queue's name in Redis. */
  get name(): string {
    return this.opts.name;
  }

  constructor(opts: BullMqQueueOptions) {
    this.opts = { name: 'rebound-jobs', prefix: 'rebound', attempts: 5, backoffMs: 500, work: true, lockDurationMs: 30_000, ...opts };
    this.queue = new Queue(this.opts.name, { connection: connectionFrom(opts.redisUrl), prefix: this.opts.prefix });
    // While Redis is unreachable, jobs wait in the store's outbox, which says so once (outbox.ts); without a
    // listener every reconnect attempt would print its error.
    this.queue.on('error', () => undefined);
    if (this.opts.work) this.startWorker();
  }

  private startWorker(): void {
    this.worker = new Worker(
      this.opts.name,
      async (job) => {
        const handler = this.handlers.get(job.name);
        // A job whose handler is not registered (yet) fails and is retried, rather than completing with no effect.
        if (!handler) throw new Error(`no handler registered for job '${job.name}'`);
        await handler(job.data as Record<string, unknown>);
      },
      {
        connection: connectionFrom(this.opts.redisUrl),
        prefix: this.opts.prefix,
        concurrency: 1,
        lockDuration: this.opts.lockDurationMs,
        stalledInterval: Math.min(30_000, this.opts.lockDurationMs),
      },
    );
    // A failure is recorded by BullMQ itself (retries, then the failed set); nothing else to do here.
    this.worker.on('error', () => undefined);
  }

  async enqueue(name: string, payload: Record<string, unknown>, opts: { jobId?: string } = {}): Promise<void> {
    await this.queue.add(name, payload, {
      jobId: opts.jobId,
      attempts: this.opts.attempts,
      backoff: { type: 'exponential', delay: this.opts.backoffMs },
      removeOnComplete: 1000,
      removeOnFail: false,
    });
  }

  handle(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async drain(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      if (Object.values(counts).every((n) => n === 0)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async deadLetters(): Promise<DeadLetter[]> {
    const failed = await this.queue.getFailed(0, 999);
    return failed.map((job) => ({
      id: String(job.id),
      name: job.name,
      payload: job.data as Record<string, unknown>,
      error: job.failedReason ?? 'unknown error',
      attempts: job.attemptsMade,
      failed_at: new Date(job.finishedOn ?? Date.now()).toISOString(),
    }));
  }

  async close(): Promise<void> {
    const graceful = (async () => {
      await this.worker?.close();
      await this.queue.close();
    })();
    graceful.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([graceful.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS)))]);
    clearTimeout(timer);
    if (closed) return;
    // A graceful close waits for Redis to answer, so while Redis is unreachable it would never end (and a server
    // could not stop). After the grace the connections are dropped: jobs not yet handed over wait in the outbox,
    // and an active job's lock runs out, so another worker takes it up again.
    for (const backend of [this.worker?.getBackend(), this.queue.getBackend()]) {
      if (!backend) continue;
      (await backend.client).disconnect();
      (await backend.blockingClient)?.disconnect();
    }
  }

  /** Removes every job of this queue from Redis (tests). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }
}
