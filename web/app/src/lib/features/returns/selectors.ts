import type { Engine, ReturnStatus } from '@rebound/engine';

/** A page of the tenant's returns for the list. */
export function returnsPage(engine: Engine, tenantId: string, opts: { status?: string; q?: string; cursor?: string }) {
  return engine.returns.listReturns(tenantId, {
    status: opts.status ? [opts.status as ReturnStatus] : undefined,
    search: opts.q || undefined,
    cursor: opts.cursor || undefined,
    limit: 25,
  });
}

/** One return with its timeline, for the detail page. */
export function returnDetail(engine: Engine, tenantId: string, id: string) {
  return engine.returns.getReturn(tenantId, id, { timeline: true });
}

/** Applies a lifecycle action from the dashboard. */
export function applyAction(engine: Engine, tenantId: string, id: string, action: string, input: Record<string, unknown>) {
  return engine.returns.transition(tenantId, id, action as never, input, { actor: 'dashboard', source: 'dashboard' });
}
