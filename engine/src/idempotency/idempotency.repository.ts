import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database';
import type { IdempotencyKeyTable } from './idempotency-key.table';

type Db = Kysely<Database>;

/** Claims a key for a request about to run: true when this request is the first with it (the row went in). */
export async function claimKey(db: Db, row: { tenant_id: string; key: string; fingerprint: string; created_at: Date }): Promise<boolean> {
  const inserted = await db.insertInto('idempotency_keys').values({ ...row, status_code: null, response: null }).onConflict((oc) => oc.doNothing()).returning('key').execute();
  return inserted.length === 1;
}

/** The remembered request of a key, if any. */
export async function findKey(db: Db, tenantId: string, key: string): Promise<Selectable<IdempotencyKeyTable> | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('tenant_id', '=', tenantId).where('key', '=', key).executeTakeFirst();
}

/** Records the answer given to a claimed key. */
export async function completeKey(db: Db, tenantId: string, key: string, statusCode: number, response: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ status_code: statusCode, response }).where('tenant_id', '=', tenantId).where('key', '=', key).execute();
}

/** Forgets a key (its request failed in a way worth retrying), or every key older than `before`. */
export async function forgetKeys(db: Db, tenantId: string, which: { key: string } | { before: Date }): Promise<void> {
  let q = db.deleteFrom('idempotency_keys').where('tenant_id', '=', tenantId);
  q = 'key' in which ? q.where('key', '=', which.key) : q.where('created_at', '<', which.before);
  await q.execute();
}
