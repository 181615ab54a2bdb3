import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/** A merchant using Rebound. Every other row carries its `tenant_id`. */
export interface TenantTable {
  id: string;
  name: string;
  /** ISO 4217 code; all money of the tenant is in this currency. */
  currency: string;
  /** Return policy as JSON (see returns/policy.ts). */
  policy: ColumnType<string, string, string>;
  shopify_domain: string | null;
  shopify_secret: string | null;
  created_at: ColumnType<Date, string | Date, never>;
}

/** An API key of a tenant; only its SHA-256 hash is stored. */
export interface ApiKeyTable {
  key_hash: string;
  tenant_id: string;
  /** The first characters of the key, shown so a merchant can tell keys apart. */
  prefix: string;
  created_at: ColumnType<Date, string | Date, never>;
  revoked_at: ColumnType<Date | null, string | Date | null, string | Date | null>;
}

export type TenantRow = Selectable<TenantTable>;
export type NewTenantRow = Insertable<TenantTable>;
export type TenantUpdate = Updateable<TenantTable>;
