import { redirect, type Handle } from '@sveltejs/kit';
import { verify } from '$lib/server/context';

const PUBLIC = ['/login', '/portal/'];

/** Reads the session cookie; dashboard pages redirect to /login when signed out. */
export const handle: Handle = async ({ event, resolve }) => {
  const cookie = event.cookies.get('rb_session');
  const [tenantId, signature] = cookie?.split('.') ?? [];
  event.locals.tenantId = tenantId && verify(`session:${tenantId}`, signature) ? tenantId : null;
  const isPublic = PUBLIC.some((p) => event.url.pathname === p || event.url.pathname.startsWith(p));
  if (!isPublic && !event.locals.tenantId) throw redirect(303, '/login');
  return resolve(event);
};
