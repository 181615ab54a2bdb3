import type { ColumnType, Generated } from 'kysely';

/** A follow-up job written with the change that calls for it, waiting to be handed to the queue (see outbox.ts). */
export interface OutboxJobTable {
  /** Hand-over order: jobs reach the queue in the order their changes committed. */
  seq: Generated<number>;
  /** The queue's job id: handing the same row over twice (a crash before its row was deleted) queues it once. */
  job_id: string;
  /** The job's name, e.g. `return.approve`. */
  name: string;
  payload: ColumnType<unknown, string, never>;
  created_at: ColumnType<Date, Date, never>;
}
