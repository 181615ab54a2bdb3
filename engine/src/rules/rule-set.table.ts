import type { ColumnType } from 'kysely';

/** One saved version of a tenant's rule set (the audit trail: who changed what, when). */
export interface RuleSetTable {
  tenant_id: string;
  version: number;
  rules: ColumnType<unknown, string, never>;
  created_at: ColumnType<Date, string | Date, never>;
  created_by: string;
  change_summary: string;
}
