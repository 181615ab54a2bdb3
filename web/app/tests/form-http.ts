import type { FastifyInstance } from 'fastify';
import type { Engine } from '@rebound/engine';
import { buildApp } from '../../server/app';

/** What a page answered: its status, where it redirects, its text with HTML entities decoded, and the form's alert. */
export interface PageAnswer {
  status: number;
  location: string | null;
  text: string;
  alert: string | null;
  cookies: string[];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e]);

async function answer(res: Response): Promise<PageAnswer> {
  const text = decode(await res.text());
  const alert = /<p[^>]*role="alert"[^>]*>([\s\S]*?)<\/p>/.exec(text)?.[1].replace(/<[^>]*>/g, '').trim() ?? null;
  return { status: res.status, location: res.headers.get('location'), text, alert, cookies: res.headers.getSetCookie() };
}

/** Opens a page or a CSV as a browser would, signed in with `cookie` when given. */
export async function open(base: string, path: string, cookie?: string): Promise<PageAnswer> {
  return answer(await fetch(`${base}${path}`, { redirect: 'manual', headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } }));
}

/**
 * Posts a form as a browser without JavaScript does: a refused action answers with the page re-rendered under the
 * refusal's status, its message in the form's alert.
 */
export async function submit(base: string, path: string, fields: Record<string, string>, cookie?: string): Promise<PageAnswer> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: base, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  });
  return answer(res);
}

/** The real server (API, dashboard and portal on one port, the built app) on a free loopback port, and its base URL. */
export async function listen(engine: Engine): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildApp({ engine, ui: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

/** Signs a dashboard session in with an API key, as the sign-in form does; the cookie to send afterwards. */
export async function signIn(base: string, apiKey: string): Promise<string> {
  const signedIn = await submit(base, '/login', { api_key: apiKey });
  if (signedIn.status !== 303) throw new Error(`signing in answered ${signedIn.status}: ${signedIn.alert}`);
  return signedIn.cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('rb_session='))!;
}
