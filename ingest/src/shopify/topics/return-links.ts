import type { Disposition, Engine, Return } from '@rebound/engine';

/** The Shopify objects that stand for one line of our return. */
export type LinkKind = 'ReturnLineItem' | 'ReverseFulfillmentOrderLineItem';

/** One Shopify line linked to a line of our return, with the disposition Shopify reported for it, if any. */
export interface ReturnLink {
  return_id: string;
  sku: string;
  disposition: Disposition | null;
  disposition_quantity: number | null;
}

// Shopify's later webhooks name return lines by their own ids (return line items, reverse fulfillment order line
// items), which the returns domain does not know; ingest keeps the mapping in its own table.
const key = (kind: LinkKind, id: string) => `${kind}/${id}`;

/** Remembers that a Shopify line is this line of our return (a known link is left as it is). */
export async function linkLine(engine: Engine, tenantId: string, kind: LinkKind, shopifyId: string, returnId: string, sku: string): Promise<void> {
  await engine.store.query(
    `insert into shopify_return_links (tenant_id, shopify_id, return_id, sku, linked_at) values (?, ?, ?, ?, now()) on conflict do nothing`,
    [tenantId, key(kind, shopifyId), returnId, sku],
  );
}

/** The line of our return a Shopify line stands for, or undefined. */
export async function findLink(engine: Engine, tenantId: string, kind: LinkKind, shopifyId: string): Promise<ReturnLink | undefined> {
  const rows = await engine.store.query<ReturnLink>(
    `select return_id, sku, disposition, disposition_quantity from shopify_return_links where tenant_id = ? and shopify_id = ?`,
    [tenantId, key(kind, shopifyId)],
  );
  return rows[0];
}

/** Records the disposition Shopify reported for a linked line, kept until every line of the return has one. */
export async function recordDisposition(
  engine: Engine, tenantId: string, kind: LinkKind, shopifyId: string, returnId: string, sku: string, disposition: Disposition, quantity: number,
): Promise<void> {
  await engine.store.query(
    `insert into shopify_return_links (tenant_id, shopify_id, return_id, sku, disposition, disposition_quantity, linked_at)
     values (?, ?, ?, ?, ?, ?, now())
     on conflict do update set disposition = excluded.disposition, disposition_quantity = excluded.disposition_quantity, linked_at = excluded.linked_at`,
    [tenantId, key(kind, shopifyId), returnId, sku, disposition, quantity],
  );
}

/** The latest disposition Shopify reported for each line of a return, by SKU. */
export async function reportedDispositions(engine: Engine, tenantId: string, returnId: string): Promise<Map<string, Disposition>> {
  const rows = await engine.store.query<{ sku: string; disposition: Disposition }>(
    `select sku, arg_max(disposition, linked_at) as disposition from shopify_return_links
     where tenant_id = ? and return_id = ? and disposition is not null group by sku`,
    [tenantId, returnId],
  );
  return new Map(rows.map((r) => [r.sku, r.disposition]));
}

/**
 * The return lines still on their way or just received that hold an order line, for a webhook that names the
 * order line but not the return. Reads only; every change goes through the returns service.
 */
export async function openReturnLinesOf(engine: Engine, tenantId: string, orderLineId: string): Promise<{ return_id: string; sku: string }[]> {
  return engine.store.query(
    `with rl as materialized (select * from return_lines where line_id = ?)
     select rl.return_id, rl.sku from rl join returns r on r.tenant_id = rl.tenant_id and r.id = rl.return_id
     where rl.tenant_id = ? and r.status in ('approved', 'in_transit', 'received') order by rl.return_id`,
    [orderLineId, tenantId],
  );
}

/** The line of a return that holds an order line (Shopify line item id), or undefined. */
export function lineOfOrderLine(ret: Return, orderLineId: string | undefined): Return['lines'][number] | undefined {
  return orderLineId ? ret.lines.find((l) => l.line_id === orderLineId) : undefined;
}
