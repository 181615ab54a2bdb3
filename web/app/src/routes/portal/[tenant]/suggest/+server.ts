import { json } from '@sveltejs/kit';
import { REASONS } from '@rebound/engine/taxonomy';
import { web } from '$lib/server/context';
import { suggestReason } from '$lib/features/portal/selectors';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
  const body = (await request.json().catch(() => ({}))) as { text?: unknown };
  if (typeof body.text !== 'string' || !body.text.trim()) return json({ error: 'send {"text": "..."}' }, { status: 400 });
  const r = await suggestReason(web().engine, body.text);
  return json({ reason_code: r.reason_code, confidence: r.confidence, label: REASONS[r.reason_code].definition });
};
