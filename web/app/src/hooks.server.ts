import { redirect, type Handle } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { readSession } from '$lib/server/sessions';

const PUBLIC = ['/login', '/portal/'];

/** Reads the session cookie (a token whose hash is in web_sessions); dashboard pages redirect to /login when signed out. */
export const handle: Handle = async ({ event, resolve }) => {
  const isPublic = PUBLIC.some((p) => event.url.pathname === p || event.url.pathname.startsWith(p));
  const session = isPublic && event.url.pathname !== '/login' ? null : await readSession(web().engine, event.cookies.get('rb_session'));
  event.locals.tenantId = session?.tenantId ?? null;
  event.locals.actor = session?.actor ?? null;
  if (!isPublic && !event.locals.tenantId) throw redirect(303, '/login');
  return resolve(event);
};
