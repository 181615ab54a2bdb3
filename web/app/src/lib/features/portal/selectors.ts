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

/**
 * What a customer may ask for, as the portal offers it; a refund without sending the item back (keep_it) is the
 * merchant's to offer.
 */
export const CUSTOMER_RESOLUTION_CHOICES = [
  { value: 'refund', label: 'Refund' },
  { value: 'exchange', label: 'Exchange' },
  { value: 'store_credit', label: 'Store credit' },
] as const;
/** The resolutions a customer's form may send; anything else is refused. */
export const CUSTOMER_RESOLUTIONS: readonly string[] = CUSTOMER_RESOLUTION_CHOICES.map((c) => c.value);

/**
 * Files the customer's return once per form token: the same form sent again (a double press, a resend after a
 * slow answer) leads to the return it already filed. A form without a token (an old page) simply files it.
 */
export async function fileReturnOnce(
  engine: Engine,
  tenantId: string,
  orderId: string,
  lines: { sku: string; quantity: number; reason_text: string }[],
  resolution: string,
  submission: string,
): Promise<string> {
  const file = async () =>
    (await engine.returns.requestReturn(tenantId, { order_id: orderId, lines, resolution: resolution as never }, { actor: 'customer', source: 'portal' })).return_id;
  if (!submission) return file();
  // The browser shows the answer to the last press: when the first is still being filed, wait for its return.
  for (let waited = 0; ; waited += 100) {
    try {
      const answer = await engine.idempotency.run(tenantId, `portal/${submission}`, { orderId, lines, resolution }, async () => ({ status: 303, body: await file() }));
      return String(answer.body);
    } catch (error) {
      // By name: the engine is handed over at run time, not bundled, so instanceof cannot be used (see server/errors.ts).
      if ((error as Error | null)?.name !== 'IdempotencyKeyBusyError' || waited >= 5_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The customer withdraws their return before sending it (the engine refuses once the parcel is on its way). */
export function cancelAsCustomer(engine: Engine, tenantId: string, returnId: string, reason: string) {
  return engine.returns.transition(tenantId, returnId, 'cancel', reason ? { reason } : {}, { actor: 'customer', source: 'portal' });
}

// Events that are the merchant's own business (risk scoring, rule decisions) stay off the customer's timeline.
const MERCHANT_ONLY_EVENTS = ['return.fraud_scored', 'return.decided'];

/**
 * The return as the customer sees it on the status page: its status, lines, tracking and the dates of its steps.
 * Nothing else leaves the server: not the risk score or its evidence (which names other customers), costs,
 * recovered values, the model's reading or the events' payloads.
 */
export async function returnStatus(engine: Engine, tenantId: string, returnId: string) {
  const ret = await engine.returns.getReturn(tenantId, returnId, { timeline: true });
  const { carrier, tracking_number, tracking_url } = ret.tracking ?? {};
  return {
    return_id: ret.return_id,
    status: ret.status,
    decline_reason: ret.decline_reason,
    tracking: ret.tracking ? { carrier: carrier ?? null, tracking_number: tracking_number ?? null, tracking_url: tracking_url ?? null } : null,
    lines: ret.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    timeline: (ret.timeline ?? []).filter((e) => !MERCHANT_ONLY_EVENTS.includes(e.type)).map((e) => ({ type: e.type, occurred_at: e.occurred_at })),
  };
}

/** A reason suggestion for what the customer is typing. */
export async function suggestReason(engine: Engine, text: string) {
  const [r] = await engine.reasons.classify([text.slice(0, 2000)]);
  return r;
}
