import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { DomainError } from '../shared/errors';
import { engineInTempDir } from '../testing/temp-store';
import { IdempotencyKeyBusyError, IdempotencyService } from './idempotency.service';

let engine: Engine;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ engine, cleanup } = await engineInTempDir('rebound-idempotency-')));
afterAll(() => cleanup());

describe('IdempotencyService', () => {
  it('refuses a repeat while the first request with the key is still running, then answers it with the first answer', async () => {
    let finish!: () => void;
    const first = engine.idempotency.run('t1', 'slow', { n: 1 }, async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      return { status: 201, body: { id: 'R-1' } };
    });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the first has claimed the key
    const repeat = engine.idempotency.run('t1', 'slow', { n: 1 }, async () => ({ status: 201, body: { id: 'R-2' } }));
    await expect(repeat).rejects.toThrow(IdempotencyKeyBusyError);
    await expect(repeat).rejects.toThrow("a request with Idempotency-Key 'slow' is still being worked on; retry in a moment");
    finish();
    expect(await first).toEqual({ status: 201, body: { id: 'R-1' }, replayed: false });
    expect(await engine.idempotency.run('t1', 'slow', { n: 1 }, async () => ({ status: 201, body: { id: 'R-3' } }))).toEqual({ status: 201, body: { id: 'R-1' }, replayed: true });
  });

  it('refuses the key with another request, and forgets a key after a day', async () => {
    await engine.idempotency.run('t1', 'daily', { n: 1 }, async () => ({ status: 201, body: 'first' }));
    const other = engine.idempotency.run('t1', 'daily', { n: 2 }, async () => ({ status: 201, body: 'other' }));
    await expect(other).rejects.toThrow(DomainError);
    await expect(other).rejects.toThrow("Idempotency-Key 'daily' was already used for another request; use a new key for a new request");
    await engine.store.query(`update idempotency_keys set created_at = now() - interval 25 hour where key = 'daily'`);
    expect(await engine.idempotency.run('t1', 'daily', { n: 2 }, async () => ({ status: 201, body: 'other' }))).toEqual({ status: 201, body: 'other', replayed: false });
  });

  it("clears a tenant's expired keys away, at most once an hour rather than on every request", async () => {
    const keys = async () => (await engine.store.query<{ key: string }>(`select key from idempotency_keys where tenant_id = 't2' order by key`)).map((r) => r.key);
    const fresh = new IdempotencyService(engine.store.db);
    await fresh.run('t2', 'old', { n: 1 }, async () => ({ status: 201, body: 'old' }));
    await engine.store.query(`update idempotency_keys set created_at = now() - interval 25 hour where tenant_id = 't2' and key = 'old'`);
    await fresh.run('t2', 'new', { n: 1 }, async () => ({ status: 201, body: 'new' }));
    expect(await keys()).toEqual(['new', 'old']); // purged less than an hour ago
    await new IdempotencyService(engine.store.db).run('t2', 'newer', { n: 1 }, async () => ({ status: 201, body: 'newer' }));
    expect(await keys()).toEqual(['new', 'newer']);
  });

  it('keeps no answer when the first request is refused, so the corrected one may use the key', async () => {
    const refused = engine.idempotency.run('t1', 'fix', { n: 1 }, async () => {
      throw new DomainError('invalid', 'quantity must be at least 1');
    });
    await expect(refused).rejects.toThrow('quantity must be at least 1');
    expect(await engine.idempotency.run('t1', 'fix', { n: 2 }, async () => ({ status: 201, body: 'fixed' }))).toMatchObject({ body: 'fixed', replayed: false });
  });
});
