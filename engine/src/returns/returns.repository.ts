import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { NewReturnLineRow, NewReturnRow, ReturnLineRow, ReturnLineUpdate, ReturnRow, ReturnUpdate } from './return.table';
import { ACTIVE_RETURN_STATUSES, type ReturnStatus } from './status';

type Db = Kysely<Database> | Transaction<Database>;

/** Inserts a return and its lines. */
export async function insertReturn(db: Db, row: NewReturnRow, lines: NewReturnLineRow[]): Promise<void> {
  await db.insertInto('returns').values(row).execute();
  await db.insertInto('return_lines').values(lines).execute();
}

// Returns and their lines have no key index (migration 0010): a lookup scans the id column, and DuckDB's zone
// maps skip the row groups whose id range cannot hold it.

/** A return of a tenant, or undefined (other tenants' returns are never found). */
export function findReturn(db: Db, tenantId: string, id: string): Promise<ReturnRow | undefined> {
  return db
    .selectFrom('returns')
    .selectAll()
    .where('id', '=', id)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst() as Promise<ReturnRow | undefined>;
}

/** The lines of a return of a tenant, by SKU. */
export function findReturnLines(db: Db, tenantId: string, returnId: string): Promise<ReturnLineRow[]> {
  return db
    .selectFrom('return_lines')
    .selectAll()
    .where('return_id', '=', returnId)
    .where('tenant_id', '=', tenantId)
    .orderBy('sku')
    .execute() as Promise<ReturnLineRow[]>;
}

/** Updates a return only if it is still at `expectedVersion`; returns whether it was. */
export async function updateReturnIfVersion(db: Db, tenantId: string, id: string, expectedVersion: number, update: ReturnUpdate): Promise<boolean> {
  const result = await db
    .updateTable('returns')
    .set({ ...update, version: expectedVersion + 1 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Updates one line of a return. */
export async function updateReturnLine(db: Db, tenantId: string, returnId: string, sku: string, update: ReturnLineUpdate): Promise<void> {
  await db
    .updateTable('return_lines')
    .set(update)
    .where('tenant_id', '=', tenantId)
    .where('return_id', '=', returnId)
    .where('sku', '=', sku)
    .execute();
}

/** Units of each line of an order already held by active returns (requested through closed), by line id. */
export async function unitsAlreadyReturned(db: Db, tenantId: string, orderId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('return_lines as rl')
    .innerJoin('returns as r', (j) => j.onRef('r.tenant_id', '=', 'rl.tenant_id').onRef('r.id', '=', 'rl.return_id'))
    .where('rl.order_id', '=', orderId)
    .where('r.order_id', '=', orderId)
    .select(['rl.line_id', sql<number>`sum(rl.quantity)`.as('units')])
    .where('rl.tenant_id', '=', tenantId)
    .where('r.status', 'in', ACTIVE_RETURN_STATUSES as ReturnStatus[])
    .groupBy('rl.line_id')
    .execute();
  return new Map(rows.map((r) => [r.line_id, Number(r.units)]));
}

/** Filters for listing returns. */
export interface ReturnListFilter {
  status?: ReturnStatus[];
  orderId?: string;
  customerId?: string;
  requestedFrom?: Date;
  requestedTo?: Date;
  /** Matches the RMA number, order id or customer id (case-insensitive substring). */
  search?: string;
  /** Only returns scored at least this risky (0 to 1); unscored returns are left out. */
  minFraudScore?: number;
  /** Keyset cursor: the last row of the previous page. */
  after?: { requested_at: string; id: string };
  limit: number;
}

/** One page of a tenant's returns, newest first (keyset pagination on requested_at, id). */
export function listReturns(db: Db, tenantId: string, f: ReturnListFilter): Promise<ReturnRow[]> {
  let q = db.selectFrom('returns').selectAll().where('tenant_id', '=', tenantId);
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.orderId) q = q.where('order_id', '=', f.orderId);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.requestedFrom) q = q.where('requested_at', '>=', f.requestedFrom);
  if (f.requestedTo) q = q.where('requested_at', '<', f.requestedTo);
  if (f.minFraudScore !== undefined) q = q.where('fraud_score', '>=', f.minFraudScore);
  if (f.search) {
    const like = `%${f.search.toLowerCase()}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['id']), 'like', like), eb(eb.fn('lower', ['order_id']), 'like', like), eb(eb.fn('lower', ['customer_id']), 'like', like)]));
  }
  if (f.after) {
    const at = new Date(f.after.requested_at);
    const id = f.after.id;
    q = q.where((eb) => eb.or([eb('requested_at', '<', at), eb.and([eb('requested_at', '=', at), eb('id', '<', id)])]));
  }
  return q.orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** Lines of many returns at once, grouped by return id. */
export async function findLinesOfReturns(db: Db, tenantId: string, returnIds: string[]): Promise<Map<string, ReturnLineRow[]>> {
  const out = new Map<string, ReturnLineRow[]>();
  if (!returnIds.length) return out;
  const rows = await db
    .selectFrom('return_lines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('return_id', 'in', returnIds)
    .orderBy('sku')
    .execute();
  for (const row of rows) {
    const list = out.get(row.return_id) ?? [];
    list.push(row);
    out.set(row.return_id, list);
  }
  return out;
}

/** Deletes one line of a return (its units were taken off the return before anything was received). */
export async function deleteReturnLine(db: Db, tenantId: string, returnId: string, sku: string): Promise<void> {
  await db.deleteFrom('return_lines').where('tenant_id', '=', tenantId).where('return_id', '=', returnId).where('sku', '=', sku).execute();
}

/** Merchants' corrections of the reasons of many returns' lines, keyed `return_id|sku`. */
export async function findReasonCorrections(db: Db, tenantId: string, returnIds: string[]): Promise<Map<string, string>> {
  if (!returnIds.length) return new Map();
  const rows = await db
    .selectFrom('reason_corrections')
    .select(['return_id', 'sku', 'reason_code'])
    .where('tenant_id', '=', tenantId)
    .where('return_id', 'in', returnIds)
    .execute();
  return new Map(rows.map((r) => [`${r.return_id}|${r.sku}`, r.reason_code]));
}
