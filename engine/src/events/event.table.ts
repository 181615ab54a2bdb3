import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** The append-only event log: every state change of every entity, never updated, never deleted. */
export interface EventTable {
  /** Global, increasing: orders events across entities. */
  seq: Generated<number>;
  tenant_id: string;
  /** return, order, tenant, rules... */
  entity_type: string;
  entity_id: string;
  /** e.g. return.requested, return.approved */
  type: string;
  /** Who did it: `api:<key prefix>`, `customer`, `rules`, `shopify`, `import`, `cli`. */
  actor: string;
  occurred_at: ColumnType<Date, string | Date, never>;
  reason: string | null;
  payload: ColumnType<unknown, string, never>;
}

export type EventRow = Selectable<EventTable>;
export type NewEventRow = Insertable<EventTable>;
