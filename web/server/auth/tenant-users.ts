import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Engine } from '@rebound/engine';

/** A refusal of a user change, with the HTTP status that fits it and a message a person can act on. */
export class UserRefusal extends Error {
  constructor(readonly status: 400 | 409, message: string) {
    super(message);
  }
}

const SESSION_HOURS = 12;
const KEY_LENGTH = 64;

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, KEY_LENGTH, { N: 16384, r: 8, p: 1 }, (err, key) => (err ? reject(err) : resolve(key))));
}

/** A password hash `scrypt$<salt>$<key>` (base64url); node's scrypt, so no native dependency. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${(await scryptAsync(password, salt)).toString('base64url')}`;
}

/** Whether a password matches a stored hash (constant-time comparison). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const given = await scryptAsync(password, Buffer.from(salt, 'base64url'));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Adds a person who may sign in to the tenant's dashboard; refuses a weak password or an e-mail already there. */
export async function addTenantUser(engine: Engine, tenantId: string, email: string, password: string): Promise<{ email: string }> {
  const normalized = email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(normalized)) throw new UserRefusal(400, `'${email}' is not an e-mail address`);
  if (password.length < 10) throw new UserRefusal(400, 'the password must have at least 10 characters');
  await engine.tenants.getTenant(tenantId); // refuses an unknown tenant
  const existing = await engine.store.query('select 1 from tenant_users where tenant_id = $1 and email = $2', [tenantId, normalized]);
  if (existing.length) throw new UserRefusal(409, `${normalized} can already sign in to this store`);
  await engine.store.query('insert into tenant_users values ($1, $2, $3, now())', [tenantId, normalized, await hashPassword(password)]);
  return { email: normalized };
}

/** The tenant of a user whose e-mail and password match (one answer for both mistakes), else null. */
export async function authenticateUser(engine: Engine, email: string, password: string): Promise<{ tenantId: string; actor: string } | null> {
  const rows = await engine.store.query<{ tenant_id: string; password_hash: string }>(
    'select tenant_id, password_hash from tenant_users where email = $1 order by created_at',
    [email.trim().toLowerCase()],
  );
  for (const row of rows) if (await verifyPassword(password, row.password_hash)) return { tenantId: row.tenant_id, actor: email.trim().toLowerCase() };
  if (!rows.length) await hashPassword(password); // same work either way: timing tells nothing about which e-mails exist
  return null;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opens a dashboard session; the token goes in the cookie, only its hash is stored. */
export async function openSession(engine: Engine, tenantId: string, actor: string): Promise<{ token: string; maxAgeSeconds: number }> {
  const token = randomBytes(32).toString('base64url');
  await engine.store.query(
    `insert into web_sessions values ($1, $2, $3, now(), now() + interval ${SESSION_HOURS} hour)`,
    [tokenHash(token), tenantId, actor],
  );
  return { token, maxAgeSeconds: SESSION_HOURS * 3600 };
}

/** The tenant and actor of a live session token, else null. */
export async function readSession(engine: Engine, token: string | undefined): Promise<{ tenantId: string; actor: string } | null> {
  if (!token) return null;
  const [row] = await engine.store.query<{ tenant_id: string; actor: string }>(
    'select tenant_id, actor from web_sessions where token_hash = $1 and expires_at > now()',
    [tokenHash(token)],
  );
  return row ? { tenantId: row.tenant_id, actor: row.actor } : null;
}

/** Ends a session (signing out). */
export async function closeSession(engine: Engine, token: string | undefined): Promise<void> {
  if (token) await engine.store.query('delete from web_sessions where token_hash = $1', [tokenHash(token)]);
}
