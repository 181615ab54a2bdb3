/**
 * Follow-up work after an event (classify a reason, score fraud, decide by rules, notify, refresh marts)
 * runs as jobs behind this interface: in-process by default, BullMQ on Redis when REDIS_URL is set.
 */
export interface JobQueue {
  /**
   * False when the queue keeps nothing across a crash (in-process): the outbox then keeps a job's row until the
   * job has run (`onDone`), so a crash runs it again at the next start. BullMQ keeps its jobs in Redis.
   */
  readonly durable: boolean;
  /**
   * Queues a job; resolves once the queue has accepted it (durably, for BullMQ). A queue that is not durable
   * calls `onDone` when the job has run (succeeded, or failed every attempt).
   */
  enqueue(name: string, payload: Record<string, unknown>, opts?: { jobId?: string; onDone?: () => void }): Promise<void>;
  /** Registers the handler of a job name. */
  handle(name: string, handler: JobHandler): void;
  /** Resolves when every accepted job has finished (success or dead-lettered). */
  drain(): Promise<void>;
  /** Jobs that kept failing after their retries. */
  deadLetters(): Promise<DeadLetter[]>;
  close(): Promise<void>;
}

/** Does the work of one job; throwing makes the queue retry it with backoff. */
export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

/** A job that failed every attempt. */
export interface DeadLetter {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  error: string;
  attempts: number;
  failed_at: string;
}
