import { fail, redirect } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { authenticateUser, openSession } from '$lib/server/sessions';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    const key = String(form.get('api_key') ?? '').trim();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const { engine } = web();
    let who: { tenantId: string; actor: string } | null = null;
    if (key) {
      const byKey = await engine.tenants.authenticate(key);
      who = byKey ? { tenantId: byKey.tenantId, actor: 'api-key' } : null;
      if (!who) return fail(401, { email, error: 'That API key is not valid. Use a key printed by `rebound tenants create` or `rebound demo`.' });
    } else if (email && password) {
      who = await authenticateUser(engine, email, password);
      if (!who) return fail(401, { email, error: 'That e-mail and password do not match a user of any store.' });
    } else {
      return fail(400, { email, error: 'Enter your e-mail and password, or an API key.' });
    }
    const session = await openSession(engine, who.tenantId, who.actor);
    cookies.set('rb_session', session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: session.maxAgeSeconds });
    throw redirect(303, '/');
  },
};
