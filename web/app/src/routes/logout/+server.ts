import { redirect } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { closeSession } from '$lib/server/sessions';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ cookies }) => {
  await closeSession(web().engine, cookies.get('rb_session'));
  cookies.delete('rb_session', { path: '/' });
  throw redirect(303, '/login');
};
