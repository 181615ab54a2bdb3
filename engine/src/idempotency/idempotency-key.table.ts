import type { ColumnType } from 'kysely';

/** A request that creates something, remembered by the key its client sent (see idempotency.service.ts). */
export interface IdempotencyKeyTable {
  tenant_id: string;
  /** The client's Idempotency-Key (or the portal form's one-time token). */
  key: string;
  /** What was asked (route and body, hashed): the same key with another request is refused. */
  fingerprint: string;
  /** The answer given; null while the first request is still being worked on. */
  status_code: number | null;
  /** The answer's body as JSON. */
  response: string | null;
  created_at: ColumnType<Date, Date, never>;
}
