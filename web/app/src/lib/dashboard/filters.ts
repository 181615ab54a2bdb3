/** The window and per-line filters of a dashboard page, as the URL carries them (?from=&to=&category=&channel=&sku=). */
export interface DashboardFilters {
  /** Start of the window, a day (inclusive). */
  from: string;
  /** End of the window, a day (exclusive). */
  to: string;
  category: string;
  channel: string;
  sku: string;
}

/** A question the page cannot answer, with a message a person can act on (shown with HTTP 400). */
export class BadFilterError extends Error {}

const DAY = 86_400_000;
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** Reads the window (default: the `days` days up to the end of today, UTC) and the filters, refusing bad ones by name. */
export function readFilters(url: URL, days = 365, now = new Date()): DashboardFilters {
  const text = (name: string) => {
    const v = (url.searchParams.get(name) ?? '').trim();
    if (v.length > 100) throw new BadFilterError(`${name} is longer than 100 characters`);
    return v;
  };
  const day = (name: string, fallback: string) => {
    const v = text(name);
    if (v === '') return fallback;
    if (!isDay(v)) throw new BadFilterError(`${name} '${v}' is not a date such as 2026-05-01`);
    return v;
  };
  const endOfToday = new Date(now.toISOString().slice(0, 10) + 'T00:00:00Z').getTime() + DAY;
  const to = day('to', new Date(endOfToday).toISOString().slice(0, 10));
  const from = day('from', new Date(new Date(`${to}T00:00:00Z`).getTime() - days * DAY).toISOString().slice(0, 10));
  if (from >= to) throw new BadFilterError(`from ${from} must be before to ${to}`);
  return { from, to, category: text('category'), channel: text('channel'), sku: text('sku') };
}

/** Reads one of a fixed set of choices (fallback when absent), refusing others with the allowed ones named. */
export function readChoice<T extends string>(url: URL, name: string, allowed: readonly T[], fallback: T): T {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new BadFilterError(`${name} '${v}' is not one of ${allowed.join(', ')}`);
  return v as T;
}

/** The filters as the engine's KPI filters (ISO days; empty ones left out). */
export function kpiFilters(f: DashboardFilters) {
  return { from: f.from, to: f.to, category: f.category || undefined, channel: f.channel || undefined, sku: f.sku || undefined };
}

/** The query string of a page's current question, for links to its CSV and to other views of it. */
export function queryString(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}
