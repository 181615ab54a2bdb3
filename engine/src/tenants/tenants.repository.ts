import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { NewTenantRow, TenantRow, TenantUpdate } from './tenant.table';

type Db = Kysely<Database> | Transaction<Database>;

/** Inserts a tenant row. */
export async function insertTenant(db: Db, row: NewTenantRow): Promise<void> {
  await db.insertInto('tenants').values(row).execute();
}

/** A tenant by id, or undefined. */
export function findTenant(db: Db, id: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A tenant by its Shopify shop domain, or undefined. */
export function findTenantByShopifyDomain(db: Db, domain: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('shopify_domain', '=', domain.toLowerCase()).executeTakeFirst();
}

/** Every tenant, oldest first. */
export function listTenants(db: Db): Promise<TenantRow[]> {
  return db.selectFrom('tenants').selectAll().orderBy('created_at').execute();
}

/** Updates a tenant's columns. */
export async function updateTenant(db: Db, id: string, update: TenantUpdate): Promise<void> {
  await db.updateTable('tenants').set(update).where('id', '=', id).execute();
}

/** Stores the hash of a new API key for a tenant. */
export async function insertApiKey(db: Db, tenantId: string, keyHash: string, prefix: string, at: Date): Promise<void> {
  await db.insertInto('api_keys').values({ key_hash: keyHash, tenant_id: tenantId, prefix, created_at: at }).execute();
}

/** The tenant id owning a (non-revoked) key hash, or undefined. */
export async function findTenantIdByKeyHash(db: Db, keyHash: string): Promise<{ tenant_id: string; prefix: string } | undefined> {
  return db
    .selectFrom('api_keys')
    .select(['tenant_id', 'prefix'])
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
