import { fail, redirect } from '@sveltejs/kit';
import { sign, web } from '$lib/server/context';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const key = String((await request.formData()).get('api_key') ?? '').trim();
    const who = key ? await web().engine.tenants.authenticate(key) : undefined;
    if (!who) return fail(401, { error: 'That API key is not valid. Use a key printed by `rebound tenants create` or `rebound demo`.' });
    cookies.set('rb_session', `${who.tenantId}.${sign(`session:${who.tenantId}`)}`, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
      maxAge: 60 * 60 * 12,
    });
    throw redirect(303, '/');
  },
};
