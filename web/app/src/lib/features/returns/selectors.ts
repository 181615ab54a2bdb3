import type { Engine, ReturnStatus } from '@rebound/engine';

/** The list's filters (see list-filters.ts) as the engine's. */
function listFilter(opts: { status?: string; q?: string; risk?: string }) {
  return {
    status: opts.status ? [opts.status as ReturnStatus] : undefined,
    search: opts.q || undefined,
    minFraudScore: opts.risk ? Number(opts.risk) : undefined,
  };
}

/** A page of the tenant's returns for the list. */
export function returnsPage(engine: Engine, tenantId: string, opts: { status?: string; q?: string; risk?: string; cursor?: string }) {
  return engine.returns.listReturns(tenantId, { ...listFilter(opts), cursor: opts.cursor || undefined, limit: 25 });
}

/** One return with its timeline, for the detail page. */
export function returnDetail(engine: Engine, tenantId: string, id: string) {
  return engine.returns.getReturn(tenantId, id, { timeline: true });
}

/** Applies a lifecycle action from the dashboard. */
export function applyAction(engine: Engine, tenantId: string, id: string, action: string, input: Record<string, unknown>) {
  return engine.returns.transition(tenantId, id, action as never, input, { actor: 'dashboard', source: 'dashboard' });
}

/** Takes units off a return's lines from the dashboard (lines with 0 units are left out). */
export function removeUnits(engine: Engine, tenantId: string, id: string, lines: { sku: string; quantity: number }[], reason?: string) {
  return engine.returns.removeUnits(tenantId, id, lines.filter((l) => l.quantity > 0), { actor: 'dashboard', source: 'dashboard', reason });
}

/** Attaches or corrects the parcel's tracking and label from the dashboard (empty fields are left as stored). */
export function attachTracking(engine: Engine, tenantId: string, id: string, tracking: Record<'carrier' | 'tracking_number' | 'tracking_url' | 'label_url', string>) {
  return engine.returns.attachTracking(tenantId, id, tracking, { actor: 'dashboard', source: 'dashboard' });
}

/** Fraud-score floors a list can be filtered by (none: any): worth a look, and likely abuse. */
export const RISK_LEVELS = ['0.3', '0.5'] as const;

/** Statuses a list can be filtered by (the engine's RETURN_STATUSES; the app imports no engine values). */
export const LIST_STATUSES = ['requested', 'approved', 'declined', 'in_transit', 'received', 'inspected', 'resolved', 'closed', 'canceled'] as const;

/** Every return matching the list's filters, newest first, up to `max` (the CSV export); `truncated` when there were more. */
export async function returnsForExport(engine: Engine, tenantId: string, opts: { status?: string; q?: string; risk?: string }, max = 10_000) {
  const rows: Awaited<ReturnType<Engine['returns']['listReturns']>>['returns'] = [];
  let cursor: string | undefined;
  do {
    const page = await engine.returns.listReturns(tenantId, { ...listFilter(opts), cursor, limit: 200 });
    rows.push(...page.returns);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && rows.length < max);
  return { returns: rows.slice(0, max), truncated: rows.length > max || cursor !== undefined };
}
