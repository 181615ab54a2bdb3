import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '@rebound/engine';
import { appWithTwoTenants } from '../testing/test-app';
import { authenticateUser, closeSession, hashPassword, openSession, readSession, verifyPassword } from './tenant-users';

let app: FastifyInstance;
let engine: Engine;
let keyA: string;
let keyB: string;
let tenantA: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ app, engine, keyA, keyB, tenantA, cleanup } = await appWithTwoTenants());
});
afterAll(() => cleanup());

const addUser = (key: string, body: unknown) =>
  app.inject({ method: 'POST', url: '/api/v1/users', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

describe('passwords', () => {
  it('hashes with scrypt and a fresh salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', 'plaintext')).toBe(false);
  });
});

describe('POST /api/v1/users and signing in', () => {
  it('adds a user of the calling tenant, who then signs in to that tenant only', async () => {
    const res = await addUser(keyA, { email: ' Mia@Store-A.test ', password: 'long enough pw' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ email: 'mia@store-a.test' });
    const [row] = await engine.store.query<{ password_hash: string }>('select password_hash from tenant_users where email = $1', ['mia@store-a.test']);
    expect(row.password_hash).not.toContain('long enough pw');
    expect(await authenticateUser(engine, 'MIA@store-a.test', 'long enough pw')).toEqual({ tenantId: tenantA, actor: 'mia@store-a.test' });
  });

  it('gives one answer for an unknown e-mail and a wrong password', async () => {
    expect(await authenticateUser(engine, 'mia@store-a.test', 'wrong password!')).toBeNull();
    expect(await authenticateUser(engine, 'nobody@store-a.test', 'long enough pw')).toBeNull();
  });

  it('refuses a short password, a malformed e-mail, a duplicate, a missing key and extra fields', async () => {
    const short = await addUser(keyA, { email: 'leo@store-a.test', password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().detail).toMatch(/at least 10 characters/);
    const bad = await addUser(keyA, { email: 'not-an-email', password: 'long enough pw' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/'not-an-email' is not an e-mail address/);
    const dup = await addUser(keyA, { email: 'mia@store-a.test', password: 'another long pw' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toMatch(/already sign in/);
    const noKey = await app.inject({ method: 'POST', url: '/api/v1/users', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a@b.test', password: 'long enough pw' }) });
    expect(noKey.statusCode).toBe(401);
    expect((await addUser(keyA, { email: 'x@y.test', password: 'long enough pw', role: 'admin' })).statusCode).toBe(400);
  });

  it('lets the same e-mail be a user of another store, each signing in with its own password', async () => {
    expect((await addUser(keyB, { email: 'mia@store-a.test', password: 'store b password' })).statusCode).toBe(201);
    expect((await authenticateUser(engine, 'mia@store-a.test', 'store b password'))?.tenantId).not.toBe(tenantA);
    expect((await authenticateUser(engine, 'mia@store-a.test', 'long enough pw'))?.tenantId).toBe(tenantA);
  });
});

describe('sessions', () => {
  it('stores only the token hash, reads it back, and ends on sign-out', async () => {
    const { token, maxAgeSeconds } = await openSession(engine, tenantA, 'mia@store-a.test');
    expect(maxAgeSeconds).toBe(12 * 3600);
    const stored = await engine.store.query<{ token_hash: string }>('select token_hash from web_sessions');
    expect(stored.map((r) => r.token_hash)).not.toContain(token);
    expect(await readSession(engine, token)).toEqual({ tenantId: tenantA, actor: 'mia@store-a.test' });
    expect(await readSession(engine, `${token}x`)).toBeNull();
    expect(await readSession(engine, undefined)).toBeNull();
    await closeSession(engine, token);
    expect(await readSession(engine, token)).toBeNull();
  });

  it('does not accept an expired session', async () => {
    const { token } = await openSession(engine, tenantA, 'api-key');
    await engine.store.query("update web_sessions set expires_at = now() - interval 1 minute where actor = 'api-key'");
    expect(await readSession(engine, token)).toBeNull();
  });
});
