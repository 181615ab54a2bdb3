import type { Engine } from '@rebound/engine';

/** The tenant's public name, or null when there is no such store. */
export async function storeName(engine: Engine, tenantId: string): Promise<string | null> {
  try {
    return (await engine.tenants.getTenant(tenantId)).name;
  } catch {
    return null;
  }
}

/** Whether an order of the store was placed with this e-mail (one answer for both mistakes: no hint which was wrong). */
export async function orderMatchesEmail(engine: Engine, tenantId: string, orderId: string, email: string): Promise<boolean> {
  const rows = await engine.store.query<{ ok: boolean }>(
    `with o as materialized (select * from orders where id = $2)
     select true as ok from o join customers c on c.tenant_id = o.tenant_id and c.id = o.customer_id
     where o.tenant_id = $1 and lower(c.email) = lower($3)`,
    [tenantId, orderId.trim(), email.trim()],
  );
  return rows.length > 0;
}

/** What the customer may return from the order. */
export function returnableLines(engine: Engine, tenantId: string, orderId: string) {
  return engine.returns.returnableLines(tenantId, orderId);
}

/** Files the customer's return. */
export function fileReturn(engine: Engine, tenantId: string, orderId: string, lines: { sku: string; quantity: number; reason_text: string }[], resolution: string) {
  return engine.returns.requestReturn(tenantId, { order_id: orderId, lines, resolution: resolution as never }, { actor: 'customer', source: 'portal' });
}

/** The customer withdraws their return before sending it (the engine refuses once the parcel is on its way). */
export function cancelAsCustomer(engine: Engine, tenantId: string, returnId: string, reason: string) {
  return engine.returns.transition(tenantId, returnId, 'cancel', reason ? { reason } : {}, { actor: 'customer', source: 'portal' });
}

/** The return as the customer sees it on the status page. */
export function returnStatus(engine: Engine, tenantId: string, returnId: string) {
  return engine.returns.getReturn(tenantId, returnId, { timeline: true });
}

/** A reason suggestion for what the customer is typing. */
export async function suggestReason(engine: Engine, text: string) {
  const [r] = await engine.reasons.classify([text.slice(0, 2000)]);
  return r;
}
