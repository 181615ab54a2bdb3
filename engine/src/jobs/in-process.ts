import type { DeadLetter, JobHandler, JobQueue } from './queue';

/** Options of the in-process queue. */
export interface InProcessQueueOptions {
  attempts?: number;
  /** First retry delay in ms; doubles each attempt. */
  backoffMs?: number;
}

/** How many given job ids the queue remembers (BullMQ keeps its last 1,000 completed jobs, see bullmq.ts). */
const MAX_TAKEN_IDS = 10_000;

/**
 * The default queue: jobs run in this process, one at a time, after the request that queued them has
 * been answered. It keeps nothing across a crash: the outbox keeps each job's row until the job has run, so the
 * next start runs it again (REDIS_URL, BullMQ, keeps queued jobs in Redis instead).
 */
export class InProcessQueue implements JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly dead: DeadLetter[] = [];
  private pending: Promise<void> = Promise.resolve();
  private counter = 0;
  private readonly taken = new Set<string>();
  private closed = false;

  readonly durable = false;

  constructor(private readonly opts: InProcessQueueOptions = {}) {}

  async enqueue(name: string, payload: Record<string, unknown>, opts: { jobId?: string; onDone?: () => void } = {}): Promise<void> {
    if (this.closed) throw new Error(`the job queue is closed; job ${name} was not accepted`);
    // A job id already taken is the same job queued again (a retried step): taken once, as BullMQ does.
    if (opts.jobId !== undefined) {
      if (this.taken.has(opts.jobId)) return;
      this.taken.add(opts.jobId);
      if (this.taken.size > MAX_TAKEN_IDS) this.taken.delete(this.taken.values().next().value as string);
    }
    const id = opts.jobId ?? `${name}-${++this.counter}`;
    this.pending = this.pending.then(() => this.run(id, name, payload)).finally(() => opts.onDone?.());
  }

  handle(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async drain(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.pending;
      await seen;
    } while (seen !== this.pending);
  }

  async deadLetters(): Promise<DeadLetter[]> {
    return [...this.dead];
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }

  private async run(id: string, name: string, payload: Record<string, unknown>): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) return; // no one follows up on this job here
    const attempts = this.opts.attempts ?? 3;
    let delay = this.opts.backoffMs ?? 200;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await handler(payload);
        return;
      } catch (error) {
        if (attempt === attempts) {
          this.dead.push({ id, name, payload, error: (error as Error).message, attempts, failed_at: new Date().toISOString() });
          return;
        }
        await new Promise((r) => setTimeout(r, delay));
        delay *= 2;
      }
    }
  }
}
