import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;

/** A job waiting in the outbox. */
export interface OutboxJob {
  seq: number;
  jobId: string;
  name: string;
  payload: Record<string, unknown>;
}

/** Writes a follow-up job beside the change that calls for it (pass the change's transaction). */
export async function addOutboxJob(db: Db, name: string, payload: Record<string, unknown>): Promise<OutboxJob> {
  // A random id, not the sequence: a store re-created in the same directory starts its sequence again, and the
  // queue would take its new jobs for ones it has already run.
  const jobId = `job-${randomUUID()}`;
  const row = await db
    .insertInto('job_outbox')
    .values({ job_id: jobId, name, payload: JSON.stringify(payload), created_at: new Date() })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq), jobId, name, payload };
}

/** The oldest jobs waiting after row `afterSeq`, in the order their changes committed. */
export async function oldestOutboxJobs(db: Db, limit: number, afterSeq = 0): Promise<OutboxJob[]> {
  const rows = await db.selectFrom('job_outbox').select(['seq', 'job_id', 'name', 'payload']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    jobId: r.job_id,
    name: r.name,
    payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
  }));
}

/** Removes jobs the queue has accepted. */
export async function removeOutboxJobs(db: Db, seqs: number[]): Promise<void> {
  if (seqs.length) await db.deleteFrom('job_outbox').where('seq', 'in', seqs).execute();
}

/** How many jobs wait in the outbox, leaving out the given rows. */
export async function countOutboxJobs(db: Db, except: number[] = []): Promise<number> {
  let q = db.selectFrom('job_outbox').select((eb) => eb.fn.countAll<number>().as('n'));
  if (except.length) q = q.where('seq', 'not in', except);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
