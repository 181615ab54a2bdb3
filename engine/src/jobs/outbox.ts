import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import { addOutboxJob, countOutboxJobs, oldestOutboxJobs, removeOutboxJobs, type OutboxJob } from './outbox.repository';
import type { JobQueue } from './queue';

/** How the outbox hands jobs over. */
export interface JobOutboxOptions {
  /** How long a request waits for the queue to take its jobs before answering anyway (ms; default 1,000). */
  waitMs?: number;
  /** First pause before trying an unavailable queue again (ms; doubles up to maxRetryMs). */
  retryMs?: number;
  maxRetryMs?: number;
  /** Told once when jobs start waiting on an unavailable queue, and once when they are handed over. */
  log?: (message: string) => void;
}

/** Jobs taken from the outbox per read when catching up. */
const BATCH = 100;
/**
 * Handed-over rows are deleted together, at most this long after the first of them (ms). Each delete is a commit
 * on the store's one connection. Once in-process rows went only after their jobs ran, deleting every 200 ms
 * measured 20-22 req/s in the API benchmark; every second, 20-34 (mean 28) against 22-33 (mean 27) before that
 * change, alternating runs: no cost seen.
 */
const DELETE_AFTER_MS = 1000;

/**
 * The transactional outbox of follow-up jobs. A change writes its jobs in its own transaction (`add`), and
 * `deliver` hands them to the queue after the commit, with the job's row id as the queue's job id. So a queue
 * that is down (Redis restarting) or a crash between commit and queue never loses work: the jobs wait in the
 * store and go, oldest first, when the queue answers (retried with backoff) or when the server starts again. A
 * request waits for the hand-over at most `waitMs`, so an unavailable queue delays its follow-up work, not its
 * answer. Rows handed over are deleted in batches (a commit per request cost a fifth of the API's throughput);
 * a crash before that hands them over again, and the queue takes a job id it has seen once. A queue that keeps
 * nothing across a crash (in-process) has a job's row deleted only once the job has run.
 */
export class JobOutbox {
  private tail: Promise<void> = Promise.resolve();
  /** True until a full pass has run, and whenever jobs may be left behind (the queue refused or was slow). */
  private catchUp = true;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private handedOver: number[] = [];
  /** Rows of jobs a queue that keeps nothing across a crash has taken and not run yet: kept until they have. */
  private readonly running = new Set<number>();
  private deleting: number[] = [];
  private deleteTimer: NodeJS.Timeout | undefined;
  private waiting = false;
  private stopped = false;
  private closed = false;
  private readonly opts: Required<JobOutboxOptions>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobs: JobQueue,
    opts: JobOutboxOptions = {},
  ) {
    this.opts = { waitMs: 1000, retryMs: 500, maxRetryMs: 30_000, log: (m) => process.stderr.write(`rebound: ${m}\n`), ...opts };
    this.retryDelay = this.opts.retryMs;
  }

  /** Writes a job in the transaction of the change that calls for it; pass what it returns to `deliver` after the commit. */
  async add(trx: Transaction<Database>, name: string, payload: Record<string, unknown>): Promise<OutboxJob> {
    return addOutboxJob(trx, name, payload);
  }

  /**
   * Hands jobs to the queue: the given ones (just committed), and every job still waiting when some were left
   * behind before. Resolves when done, or after `waitMs` while the hand-over goes on behind.
   */
  async deliver(committed: OutboxJob[] = []): Promise<void> {
    if (this.stopped) return;
    const handOver = this.serially(() => this.handOver(committed));
    // While the queue is known to be unavailable, a request does not wait for it at all.
    if (this.waiting) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.opts.waitMs);
    });
    const outcome = await Promise.race([handOver.then(() => 'done' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.catchUp = true;
      this.noteWaiting(`the job queue did not take them within ${this.opts.waitMs} ms`);
      this.retryLater();
    }
  }

  /** How many jobs wait to be handed over. */
  async pending(): Promise<number> {
    // Rows handed over but not deleted yet (or still running in process) do not count; nor does this wait for
    // a hand-over stuck on the queue.
    return countOutboxJobs(this.db, [...this.handedOver, ...this.deleting, ...this.running]);
  }

  /** Stops handing jobs over (the engine is closing: the queue finishes what it has, then `close`). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  /** Stops handing over and forgets the rows of jobs handed over; waiting jobs stay in the store for the next start. */
  async close(): Promise<void> {
    this.stop();
    clearTimeout(this.deleteTimer);
    await this.deleteHandedOver().catch(() => undefined);
    this.closed = true;
  }

  // One hand-over at a time, so jobs reach the queue in the order their changes committed.
  private serially(work: () => Promise<void>): Promise<void> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Hands jobs over (never throws: what the queue refuses stays in the outbox and is retried). */
  private async handOver(committed: OutboxJob[]): Promise<void> {
    try {
      if (this.catchUp) {
        await this.handOverWaiting();
        this.catchUp = false;
        this.retryDelay = this.opts.retryMs;
        if (this.waiting) {
          this.waiting = false;
          this.opts.log('the job queue answers again: the follow-up jobs that waited in the outbox were handed over');
        }
        return; // the full pass took the committed jobs too
      }
      for (const job of committed) await this.handOverOne(job);
    } catch (error) {
      if (this.stopped) return;
      this.catchUp = true;
      this.noteWaiting((error as Error).message);
      this.retryLater();
    }
  }

  private async handOverWaiting(): Promise<void> {
    await this.deleteHandedOver();
    for (let after = 0; ; ) {
      const batch = await oldestOutboxJobs(this.db, BATCH, after);
      for (const job of batch) await this.handOverOne(job);
      if (batch.length < BATCH) return;
      after = batch[batch.length - 1].seq;
      await this.deleteHandedOver();
    }
  }

  private async handOverOne(job: OutboxJob): Promise<void> {
    if (this.stopped) throw new Error('the outbox is closed');
    if (this.running.has(job.seq)) return; // taken already, and running in this process
    if (this.jobs.durable) {
      await this.jobs.enqueue(job.name, job.payload, { jobId: job.jobId });
      this.markHandedOver(job.seq);
      return;
    }
    // A queue that keeps nothing across a crash: the row stays until the job has run.
    this.running.add(job.seq);
    try {
      await this.jobs.enqueue(job.name, job.payload, {
        jobId: job.jobId,
        onDone: () => {
          this.running.delete(job.seq);
          this.markHandedOver(job.seq);
        },
      });
    } catch (error) {
      this.running.delete(job.seq);
      throw error;
    }
  }

  private markHandedOver(seq: number): void {
    if (this.closed) return; // the store may be gone: the row stays, and the next start runs the job again
    this.handedOver.push(seq);
    if (!this.deleteTimer) {
      this.deleteTimer = setTimeout(() => void this.serially(() => this.deleteHandedOver()).catch(() => undefined), DELETE_AFTER_MS);
      this.deleteTimer.unref();
    }
  }

  private async deleteHandedOver(): Promise<void> {
    clearTimeout(this.deleteTimer);
    this.deleteTimer = undefined;
    const seqs = this.handedOver.splice(0);
    if (!seqs.length) return;
    this.deleting = seqs;
    try {
      await removeOutboxJobs(this.db, seqs);
    } finally {
      this.deleting = [];
    }
  }

  private noteWaiting(why: string): void {
    if (this.waiting) return;
    this.waiting = true;
    this.opts.log(`follow-up jobs wait in the store's outbox (${why}); they are handed to the queue when it answers`);
  }

  private retryLater(): void {
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.deliver();
    }, this.retryDelay);
    this.retryTimer.unref();
    this.retryDelay = Math.min(this.retryDelay * 2, this.opts.maxRetryMs);
  }
}
