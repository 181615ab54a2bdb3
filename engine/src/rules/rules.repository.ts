import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;

/** A stored rule-set version. */
export interface StoredRuleSet {
  version: number;
  rules: unknown;
  created_at: Date;
  created_by: string;
  change_summary: string;
}

/** The newest (active) rule set of a tenant, or undefined. */
export function findActiveRuleSet(db: Db, tenantId: string): Promise<StoredRuleSet | undefined> {
  return db
    .selectFrom('rule_sets')
    .select(['version', 'rules', 'created_at', 'created_by', 'change_summary'])
    .where('tenant_id', '=', tenantId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Every version of a tenant's rule set, newest first. */
export function listRuleSetVersions(db: Db, tenantId: string): Promise<StoredRuleSet[]> {
  return db
    .selectFrom('rule_sets')
    .select(['version', 'rules', 'created_at', 'created_by', 'change_summary'])
    .where('tenant_id', '=', tenantId)
    .orderBy('version', 'desc')
    .execute();
}

/** Stores a new version. */
export async function insertRuleSetVersion(db: Db, tenantId: string, row: { version: number; rules: string; created_by: string; change_summary: string; at: Date }): Promise<void> {
  await db
    .insertInto('rule_sets')
    .values({ tenant_id: tenantId, version: row.version, rules: row.rules, created_at: row.at, created_by: row.created_by, change_summary: row.change_summary })
    .execute();
}
