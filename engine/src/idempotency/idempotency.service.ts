import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { DomainError, InvalidInputError } from '../shared/errors';
import * as repo from './idempotency.repository';

/** How long a key is remembered: a retry comes within minutes, a day covers a client that was down. */
const KEEP_MS = 24 * 3_600_000;
/** How often a tenant's expired keys are cleared away (a delete on every request would be a commit on the hot path). */
const PURGE_EVERY_MS = 3_600_000;

/** The first request with this key is still being worked on (409): its answer will come, retry in a moment. */
export class IdempotencyKeyBusyError extends DomainError {
  constructor(key: string) {
    super('conflict', `a request with Idempotency-Key '${key}' is still being worked on; retry in a moment`);
  }
}

/** An answer to a request that creates something. */
export interface IdempotentAnswer {
  status: number;
  body: unknown;
}

/**
 * Runs a creating request once per Idempotency-Key: the first request with a key runs and its answer is kept; the
 * same request again gets that answer (`replayed`), the same key with another request is refused (422), and a
 * repeat while the first is still running is refused (409). A refusal or fault of the first request is not kept,
 * so the client can correct it and retry with the same key.
 */
export class IdempotencyService {
  private readonly purgedAt = new Map<string, number>();

  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` unless the key already answered this request; see the class comment. */
  async run(tenantId: string, key: string, request: unknown, work: () => Promise<IdempotentAnswer>): Promise<IdempotentAnswer & { replayed: boolean }> {
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new InvalidInputError('Idempotency-Key must be 1 to 200 printable characters without spaces');
    const fingerprint = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const now = new Date();
    const expiredBefore = new Date(now.getTime() - KEEP_MS);
    if (now.getTime() - (this.purgedAt.get(tenantId) ?? 0) >= PURGE_EVERY_MS) {
      this.purgedAt.set(tenantId, now.getTime());
      await repo.forgetKeys(this.db, tenantId, { before: expiredBefore });
    }
    const claim = () => repo.claimKey(this.db, { tenant_id: tenantId, key, fingerprint, created_at: now });
    let claimed = await claim();
    if (!claimed) {
      // Between purges an expired key may still be stored: it is forgotten, and the request runs as new.
      const stored = await repo.findKey(this.db, tenantId, key);
      if (stored && new Date(stored.created_at).getTime() < expiredBefore.getTime()) {
        await repo.forgetKeys(this.db, tenantId, { key });
        claimed = await claim();
      }
    }
    if (!claimed) {
      const seen = (await repo.findKey(this.db, tenantId, key))!;
      if (seen.fingerprint !== fingerprint) {
        throw new DomainError('unprocessable', `Idempotency-Key '${key}' was already used for another request; use a new key for a new request`);
      }
      if (seen.status_code === null) throw new IdempotencyKeyBusyError(key);
      return { status: seen.status_code, body: JSON.parse(seen.response ?? 'null'), replayed: true };
    }
    try {
      const answer = await work();
      await repo.completeKey(this.db, tenantId, key, answer.status, JSON.stringify(answer.body));
      return { ...answer, replayed: false };
    } catch (error) {
      await repo.forgetKeys(this.db, tenantId, { key });
      throw error;
    }
  }
}
