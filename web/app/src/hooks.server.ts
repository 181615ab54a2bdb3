import { error, redirect, type Handle } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { readSession } from '$lib/server/sessions';

const PUBLIC = ['/login', '/portal/'];
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Whether a form post comes from a page of another site. SvelteKit's own origin check is off (svelte.config.js):
 * behind a proxy the adapter cannot tell http from https, so the Origin's host is compared with the request's here.
 */
function isCrossSiteForm(request: Request, url: URL): boolean {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return false;
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) return false;
  try {
    return new URL(request.headers.get('origin') ?? '').host !== url.host;
  } catch {
    return true; // no Origin, or "null"
  }
}

/** Reads the session cookie (a token whose hash is in web_sessions); dashboard pages redirect to /login when signed out. */
export const handle: Handle = async ({ event, resolve }) => {
  if (isCrossSiteForm(event.request, event.url)) throw error(403, 'Forms are only accepted from this site’s own pages.');
  const isPublic = PUBLIC.some((p) => event.url.pathname === p || event.url.pathname.startsWith(p));
  const session = isPublic && event.url.pathname !== '/login' ? null : await readSession(web().engine, event.cookies.get('rb_session'));
  event.locals.tenantId = session?.tenantId ?? null;
  event.locals.actor = session?.actor ?? null;
  if (!isPublic && !event.locals.tenantId) throw redirect(303, '/login');
  return resolve(event);
};
