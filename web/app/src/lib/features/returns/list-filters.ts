import { error } from '@sveltejs/kit';
import { BadFilterError, readChoice } from '$lib/dashboard/filters';
import { LIST_STATUSES, RISK_LEVELS } from './selectors';

/** The returns list's filters from its URL (?status=&risk=&q=), shared by the page and its CSV; 400 when one is bad. */
export function readListFilters(url: URL): { status: (typeof LIST_STATUSES)[number] | ''; risk: (typeof RISK_LEVELS)[number] | ''; q: string } {
  try {
    const status = readChoice<(typeof LIST_STATUSES)[number] | ''>(url, 'status', LIST_STATUSES, '');
    const risk = readChoice<(typeof RISK_LEVELS)[number] | ''>(url, 'risk', RISK_LEVELS, '');
    const q = (url.searchParams.get('q') ?? '').trim();
    if (q.length > 100) throw new BadFilterError('q is longer than 100 characters');
    return { status, risk, q };
  } catch (e) {
    if (e instanceof BadFilterError) throw error(400, e.message);
    throw e;
  }
}
