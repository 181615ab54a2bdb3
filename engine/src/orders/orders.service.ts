import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { appendEvent } from '../events/events.repository';
import { DomainError, InvalidInputError, NotFoundError, UnprocessableError } from '../shared/errors';
import { ISO_TIMESTAMP, parseIsoTimestamp } from '../shared/timestamps';
import { roundMoney } from '../shared/money';
import type { TenantsService } from '../tenants/tenants.service';
import type { OrderLineRow, OrderRow } from './order.table';
import * as repo from './orders.repository';

/** An order line as submitted. */
export interface OrderLineInput {
  line_id?: string;
  sku: string;
  product_name?: string | null;
  category: string;
  quantity: number;
  unit_price: number;
  weight_kg?: number | null;
  co2e_kg?: number | null;
  final_sale?: boolean;
}

/** An order as submitted by the API, an import or a webhook. */
export interface OrderInput {
  order_id: string;
  ordered_at: string | Date;
  delivered_at?: string | Date | null;
  currency?: string;
  channel?: string | null;
  customer: { id: string; email?: string | null; phone?: string | null; address?: string | null };
  lines: OrderLineInput[];
}

/** An order as the domain presents it. */
export interface Order {
  order_id: string;
  ordered_at: string;
  delivered_at: string | null;
  currency: string;
  channel: string | null;
  customer_id: string;
  lines: Array<Omit<OrderLineRow, 'tenant_id' | 'order_id'>>;
}

/** Parses an ISO 8601 timestamp, refusing anything else with the field's name. */
export function parseTimestamp(value: string | Date, field: string): Date {
  if (typeof value === 'string' && !ISO_TIMESTAMP.test(value)) {
    throw new InvalidInputError(`${field} '${value}' is not an ISO 8601 timestamp (for example 2026-05-03T09:00:00Z)`);
  }
  const date = value instanceof Date ? value : parseIsoTimestamp(value);
  if (!date || Number.isNaN(date.getTime())) throw new InvalidInputError(`${field} '${String(value)}' is not a valid date`);
  return date;
}

function toOrder(row: OrderRow, lines: OrderLineRow[]): Order {
  return {
    order_id: row.id,
    ordered_at: new Date(row.ordered_at).toISOString(),
    delivered_at: row.delivered_at ? new Date(row.delivered_at).toISOString() : null,
    currency: row.currency,
    channel: row.channel,
    customer_id: row.customer_id,
    lines: lines.map(({ tenant_id: _t, order_id: _o, ...line }) => line),
  };
}

/** Orders of a tenant: recording them and reading them back. */
export class OrdersService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenants: TenantsService,
  ) {}

  /** Records a new order with its lines, customer and catalogue entries; refuses duplicates and bad lines. */
  async createOrder(tenantId: string, input: OrderInput, opts: { source?: string; actor?: string } = {}): Promise<Order> {
    const tenant = await this.tenants.getTenant(tenantId);
    const orderedAt = parseTimestamp(input.ordered_at, 'ordered_at');
    const deliveredAt = input.delivered_at ? parseTimestamp(input.delivered_at, 'delivered_at') : null;
    const currency = (input.currency ?? tenant.currency).toUpperCase();
    if (currency !== tenant.currency) {
      throw new UnprocessableError(`order ${input.order_id} is in ${currency}, but this store keeps its books in ${tenant.currency}`);
    }
    if (!input.lines.length) throw new UnprocessableError(`order ${input.order_id} has no lines`);
    const seen = new Set<string>();
    const lines = input.lines.map((line, i) => {
      const lineId = line.line_id ?? line.sku;
      if (seen.has(lineId)) {
        throw new UnprocessableError(`order ${input.order_id} has two lines with line id '${lineId}': give each line its own line_id`);
      }
      seen.add(lineId);
      if (!Number.isInteger(line.quantity) || line.quantity < 1) {
        throw new InvalidInputError(`lines[${i}].quantity must be a whole number >= 1, got ${line.quantity}`);
      }
      if (!(line.unit_price >= 0)) throw new InvalidInputError(`lines[${i}].unit_price must be >= 0, got ${line.unit_price}`);
      return {
        tenant_id: tenantId,
        order_id: input.order_id,
        line_id: lineId,
        sku: line.sku,
        product_name: line.product_name ?? null,
        category: line.category.toLowerCase(),
        quantity: line.quantity,
        unit_price: roundMoney(line.unit_price),
        weight_kg: line.weight_kg ?? null,
        co2e_kg: line.co2e_kg ?? null,
        final_sale: line.final_sale ?? false,
      };
    });
    const now = new Date();
    await this.db.transaction().execute(async (trx) => {
      if (await repo.findOrder(trx, tenantId, input.order_id)) {
        throw new DomainError('conflict', `order ${input.order_id} already exists`, { order_id: input.order_id });
      }
      await repo.upsertCustomer(trx, tenantId, input.customer, now);
      await repo.insertOrder(
        trx,
        {
          tenant_id: tenantId,
          id: input.order_id,
          ordered_at: orderedAt,
          delivered_at: deliveredAt,
          customer_id: input.customer.id,
          currency,
          channel: input.channel ?? null,
          source: opts.source ?? 'api',
          created_at: now,
          updated_at: now,
        },
        lines,
      );
      await repo.upsertProducts(
        trx,
        lines.map((l) => ({ tenant_id: tenantId, sku: l.sku, name: l.product_name, category: l.category, price: l.unit_price, weight_kg: l.weight_kg, co2e_kg: l.co2e_kg })),
      );
      await appendEvent(trx, {
        tenantId,
        entityType: 'order',
        entityId: input.order_id,
        type: 'order.created',
        actor: opts.actor ?? 'api',
        occurredAt: now,
        payload: { lines: lines.length, source: opts.source ?? 'api' },
      });
    });
    return this.getOrder(tenantId, input.order_id);
  }

  /** An order of the tenant with its lines; NotFoundError for unknown ids and other tenants' orders. */
  async getOrder(tenantId: string, orderId: string): Promise<Order> {
    const row = await repo.findOrder(this.db, tenantId, orderId);
    if (!row) throw new NotFoundError('order', orderId);
    return toOrder(row, await repo.findOrderLines(this.db, tenantId, orderId));
  }
}
