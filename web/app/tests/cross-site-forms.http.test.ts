import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '@rebound/engine';
import { engineInTempDir } from '@rebound/engine/testing';
import { listen, signIn, submit } from './form-http';

// A page on another site (or another port of the same host) posting the dashboard's forms: the browser sends the
// session cookie along whenever that site counts as the same site, so only the Origin check stands in the way.
let engine: Engine;
let cleanup: () => Promise<void>;
let app: FastifyInstance;
let base: string;
let tenantId: string;
let apiKey: string;
let cookie: string;

async function crossSite(path: string, fields: Record<string, string>, origin: string | null, withCookie?: string) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
      ...(origin ? { origin } : {}),
      ...(withCookie ? { cookie: withCookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
  await res.text();
  return { status: res.status, cookies: res.headers.getSetCookie() };
}

const status = async (id: string) => (await engine.returns.getReturn(tenantId, id)).status;
const sessions = async () => (await engine.store.query<{ n: number }>('select count(*)::int as n from web_sessions'))[0].n;

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-cross-site-'));
  ({ tenant: { id: tenantId }, apiKey } = await engine.tenants.createTenant({ name: 'Cross Site Goods', currency: 'EUR' }));
  await engine.orders.createOrder(tenantId, {
    order_id: 'X-1',
    ordered_at: new Date(Date.now() - 86_400_000).toISOString(),
    customer: { id: 'c-x', email: 'x@example.com' },
    lines: [{ sku: 'TEE', quantity: 3, unit_price: 20, category: 'apparel' }],
  });
  ({ app, base } = await listen(engine));
  cookie = await signIn(base, apiKey);
});
afterAll(async () => {
  await app?.close();
  await cleanup?.();
});

it('sets the session cookie Secure only over https: over plain http a browser would drop it', async () => {
  const signedIn = await submit(base, '/login', { api_key: apiKey });
  const session = signedIn.cookies.find((c) => c.startsWith('rb_session='))!;
  expect(session).toMatch(/; HttpOnly/i);
  expect(session).toMatch(/; SameSite=Lax/i);
  expect(session).not.toMatch(/; Secure/i);
  // A client cannot make the server believe otherwise with the header the server uses itself.
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, 'x-rebound-protocol': 'https' },
    body: new URLSearchParams({ api_key: apiKey }),
  });
  expect(res.headers.getSetCookie().find((c) => c.startsWith('rb_session='))).not.toMatch(/; Secure/i);
});

describe('dashboard forms posted from another site', () => {
  it('refuses a lifecycle action posted from another origin with the session cookie and changes nothing', async () => {
    const ret = await engine.returns.requestReturn(tenantId, { order_id: 'X-1', lines: [{ sku: 'TEE', quantity: 1 }] }, { actor: 'test' });
    for (const origin of ['http://evil.example', 'http://127.0.0.1:1', null]) {
      const answer = await crossSite(`/returns/${ret.return_id}?/decline`, { reason: 'forged' }, origin, cookie);
      expect.soft({ origin, status: answer.status }).toEqual({ origin, status: 403 });
    }
    expect(await status(ret.return_id)).toBe('requested');
  });

  it('refuses a sign-in posted from another origin, so nobody is signed in to a store that is not theirs', async () => {
    const before = await sessions();
    const answer = await crossSite('/login', { api_key: apiKey }, 'http://evil.example');
    expect(answer.status).toBe(403);
    expect(answer.cookies.some((c) => c.startsWith('rb_session='))).toBe(false);
    expect(await sessions()).toBe(before);
  });

  it('still applies the same form posted from the dashboard itself', async () => {
    const ret = await engine.returns.requestReturn(tenantId, { order_id: 'X-1', lines: [{ sku: 'TEE', quantity: 1 }] }, { actor: 'test' });
    const answer = await submit(base, `/returns/${ret.return_id}?/decline`, { reason: 'out of window' }, cookie);
    expect(answer.status).toBe(200);
    expect(await status(ret.return_id)).toBe('declined');
  });
});
