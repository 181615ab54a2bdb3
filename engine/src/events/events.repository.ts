import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;

/** An event to append to the log. */
export interface NewEvent {
  tenantId: string;
  entityType: string;
  entityId: string;
  type: string;
  actor: string;
  occurredAt: Date;
  reason?: string | null;
  payload?: unknown;
}

/** One event as read back. */
export interface DomainEvent {
  seq: number;
  type: string;
  actor: string;
  occurred_at: string;
  reason: string | null;
  payload: unknown;
}

/** Appends an event; the log is never updated or deleted from. */
export async function appendEvent(db: Db, event: NewEvent): Promise<void> {
  await appendEvents(db, [event]);
}

/** Appends several events in one statement, in order. */
export async function appendEvents(db: Db, events: NewEvent[]): Promise<void> {
  if (!events.length) return;
  await db
    .insertInto('events')
    .values(
      events.map((event) => ({
        tenant_id: event.tenantId,
        entity_type: event.entityType,
        entity_id: event.entityId,
        type: event.type,
        actor: event.actor,
        occurred_at: event.occurredAt,
        reason: event.reason ?? null,
        payload: JSON.stringify(event.payload ?? {}),
      })),
    )
    .execute();
}

/** The timeline of one entity of one tenant, oldest first. */
export async function readTimeline(db: Db, tenantId: string, entityType: string, entityId: string): Promise<DomainEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(['seq', 'type', 'actor', 'occurred_at', 'reason', 'payload'])
    .where('entity_id', '=', entityId)
    .where('tenant_id', '=', tenantId)
    .where('entity_type', '=', entityType)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    type: r.type,
    actor: r.actor,
    occurred_at: new Date(r.occurred_at).toISOString(),
    reason: r.reason,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
  }));
}
