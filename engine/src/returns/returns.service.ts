import type { Kysely } from 'kysely';
import { reasonCodeFrom } from '../classification/taxonomy';
import type { Database } from '../db/database';
import { appendEvent, readTimeline, type DomainEvent } from '../events/events.repository';
import type { JobOutbox } from '../jobs/outbox';
import type { OutboxJob } from '../jobs/outbox.repository';
import { findOrder, findOrderLines } from '../orders/orders.repository';
import { parseTimestamp } from '../orders/orders.service';
import { DomainError, InvalidInputError, NotFoundError, UnprocessableError, IllegalTransitionError } from '../shared/errors';
import { newReturnId } from '../shared/ids';
import type { TenantsService } from '../tenants/tenants.service';
import { RESOLUTIONS, type Resolution } from './dispositions';
import { judgeLines, orderLineFor, type JudgedLine } from './order-line-for';
import { lateReturnsAllowedFrom, type PolicyException } from './policy';
import type { ReturnLineRow, ReturnRow } from './return.table';
import * as repo from './returns.repository';
import { ReturnStatus, toShopifyReturnStatus } from './status';
import { removeReturnUnits, type UnitsRemoval } from './remove-units';
import { TRACKING_STATUSES, trackingPayload, trackingUpdate, type ReturnTracking } from './tracking';
import { LIFECYCLE_TRANSITIONS } from './transitions/all-transitions';
import type { LifecycleAction } from './transitions/transition';

/** A line the customer wants to send back. */
export interface ReturnLineRequest {
  sku: string;
  quantity: number;
  /** Which order line of the SKU (when the order has it on several); by default the first with enough units left. */
  line_id?: string;
  reason_code?: string | null;
  reason_text?: string | null;
}

/** A return request from the portal, the API, an import or Shopify. */
export interface ReturnRequest {
  order_id: string;
  lines: ReturnLineRequest[];
  resolution?: Resolution;
  requested_at?: string | Date;
  return_id?: string;
}

/** Who is acting and through which channel. */
export interface ActorContext {
  actor: string;
  source?: string;
}

/** A return as the domain presents it. */
export interface Return {
  return_id: string;
  order_id: string;
  customer_id: string;
  status: ReturnStatus;
  shopify_status: string;
  resolution: Resolution | null;
  source: string;
  decline_reason: string | null;
  requested_at: string;
  approved_at: string | null;
  declined_at: string | null;
  shipped_at: string | null;
  received_at: string | null;
  inspected_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  canceled_at: string | null;
  /** Fraud and abuse score in [0, 1] (null until scored) and the signals with their evidence. */
  fraud_score: number | null;
  fraud_signals: unknown[];
  /** The return parcel's tracking and label; null until a carrier, number or label is known. */
  tracking: { carrier: string | null; tracking_number: string | null; tracking_url: string | null; label_url: string | null } | null;
  lines: ReturnLine[];
  timeline?: DomainEvent[];
}

/** One line of a return as presented. */
export type ReturnLine = Omit<ReturnLineRow, 'tenant_id' | 'return_id' | 'order_id'> & {
  /** The merchant's correction of the reason, which the KPIs count the line under (null when none). */
  corrected_reason_code: string | null;
};

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

function toReturn(row: ReturnRow, lines: ReturnLineRow[], corrections: Map<string, string> = new Map()): Return {
  return {
    return_id: row.id,
    order_id: row.order_id,
    customer_id: row.customer_id,
    status: row.status,
    shopify_status: toShopifyReturnStatus(row.status),
    resolution: row.resolution,
    source: row.source,
    decline_reason: row.decline_reason,
    requested_at: iso(row.requested_at)!,
    approved_at: iso(row.approved_at),
    declined_at: iso(row.declined_at),
    shipped_at: iso(row.shipped_at),
    received_at: iso(row.received_at),
    inspected_at: iso(row.inspected_at),
    resolved_at: iso(row.resolved_at),
    closed_at: iso(row.closed_at),
    canceled_at: iso(row.canceled_at),
    fraud_score: row.fraud_score ?? null,
    fraud_signals: typeof row.fraud_signals === 'string' ? (JSON.parse(row.fraud_signals) as unknown[]) : ((row.fraud_signals as unknown[] | null) ?? []),
    tracking:
      row.tracking_carrier || row.tracking_number || row.tracking_url || row.label_url
        ? { carrier: row.tracking_carrier, tracking_number: row.tracking_number, tracking_url: row.tracking_url, label_url: row.label_url }
        : null,
    lines: lines.map(({ tenant_id: _t, return_id: _r, order_id: _o, ...rest }) => ({
      ...rest,
      received_at: iso(rest.received_at) as never,
      inspected_at: iso(rest.inspected_at) as never,
      restocked_at: iso(rest.restocked_at) as never,
      refunded_at: iso(rest.refunded_at) as never,
      corrected_reason_code: corrections.get(`${row.id}|${rest.sku}`) ?? null,
    })),
  };
}

/** A page of returns and the cursor of the next one. */
export interface ReturnPage {
  returns: Return[];
  next_cursor: string | null;
}

/** The RMA core: requesting returns under the tenant's policy and moving them through their lifecycle. */
export class ReturnsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenants: TenantsService,
    /** Follow-up jobs (classify, score, decide, notify) are written with each change and handed over after it. */
    private readonly outbox?: JobOutbox,
  ) {}

  /** Opens a return after checking the order, the policy and the quantities still returnable. */
  async requestReturn(tenantId: string, request: ReturnRequest, who: ActorContext): Promise<Return> {
    const tenant = await this.tenants.getTenant(tenantId);
    const at = request.requested_at ? parseTimestamp(request.requested_at, 'requested_at') : new Date();
    if (!request.lines?.length) throw new InvalidInputError('a return needs at least one line: lines [{sku, quantity}]');
    if (request.resolution !== undefined && !RESOLUTIONS.includes(request.resolution)) {
      throw new InvalidInputError(`resolution '${request.resolution}' is not one of ${RESOLUTIONS.join(', ')}`);
    }
    let returnId = request.return_id ?? newReturnId();
    let customerId = '';
    let job: OutboxJob | undefined;
    await this.db.transaction().execute(async (trx) => {
      const order = await findOrder(trx, tenantId, request.order_id);
      if (!order) throw new NotFoundError('order', request.order_id);
      customerId = order.customer_id;
      // The returns table has no key index (migration 0010): the id is looked up here, inside the transaction.
      // A caller-chosen id (import, Shopify) that exists is a conflict; a generated RMA number (40 random bits,
      // so a collision is likely somewhere among a million returns) that exists is simply drawn again.
      while (await repo.findReturn(trx, tenantId, returnId)) {
        if (request.return_id) throw new DomainError('conflict', `return ${returnId} already exists`, { return_id: returnId });
        returnId = newReturnId();
      }
      const orderLines = await findOrderLines(trx, tenantId, order.id);
      const held = await repo.unitsAlreadyReturned(trx, tenantId, order.id);
      const seen = new Set<string>();
      const exceptions = new Set<PolicyException>();
      const lines = request.lines.map((line, i) => {
        if (seen.has(line.sku)) throw new UnprocessableError(`sku ${line.sku} appears twice in the return: put its whole quantity on one line`);
        seen.add(line.sku);
        if (!Number.isInteger(line.quantity) || line.quantity < 1) {
          throw new InvalidInputError(`lines[${i}].quantity must be a whole number >= 1, got ${JSON.stringify(line.quantity)}`);
        }
        const { line: orderLine, exceptions: lineExceptions } = orderLineFor(
          line,
          { orderId: order.id, lines: orderLines, held, windowStartsAt: new Date(order.delivered_at ?? order.ordered_at) },
          tenant.policy,
          at,
          { allowLate: lateReturnsAllowedFrom(who.source) },
        );
        for (const e of lineExceptions) exceptions.add(e);
        let reasonCode: string | null = null;
        if (line.reason_code) {
          reasonCode = reasonCodeFrom(line.reason_code) ?? null;
          if (!reasonCode) throw new InvalidInputError(`reason_code '${line.reason_code}' of ${line.sku} is not a known return reason code`);
        }
        return {
          tenant_id: tenantId,
          return_id: returnId,
          order_id: order.id,
          line_id: orderLine.line_id,
          sku: line.sku,
          quantity: line.quantity,
          reason_code: reasonCode,
          reason_text: line.reason_text?.trim() || null,
        };
      });
      await repo.insertReturn(
        trx,
        {
          tenant_id: tenantId,
          id: returnId,
          order_id: order.id,
          customer_id: order.customer_id,
          status: ReturnStatus.Requested,
          resolution: request.resolution ?? null,
          source: who.source ?? 'api',
          requested_at: at,
          updated_at: new Date(),
        },
        lines,
      );
      await appendEvent(trx, {
        tenantId,
        entityType: 'return',
        entityId: returnId,
        type: 'return.requested',
        actor: who.actor,
        occurredAt: new Date(),
        payload: {
          order_id: order.id,
          lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
          resolution: request.resolution ?? null,
          // Accepted past the window by staff or the merchant's systems: visible on the timeline and to the rules.
          policy_exceptions: [...exceptions],
        },
      });
      job = await this.outbox?.add(trx, 'return.requested', { tenant_id: tenantId, return_id: returnId, customer_id: customerId });
    });
    await this.outbox?.deliver(job ? [job] : []);
    return this.getReturn(tenantId, returnId);
  }

  /** Applies one lifecycle action; an action not allowed from the current status changes nothing. */
  async transition(tenantId: string, returnId: string, action: LifecycleAction, input: Record<string, unknown>, who: ActorContext): Promise<Return> {
    const transition = Object.hasOwn(LIFECYCLE_TRANSITIONS, action) ? LIFECYCLE_TRANSITIONS[action] : undefined;
    if (!transition) throw new InvalidInputError(`'${action}' is not a return action`);
    const tenant = await this.tenants.getTenant(tenantId);
    let version = 0;
    let job: OutboxJob | undefined;
    await this.db.transaction().execute(async (trx) => {
      const ret = await repo.findReturn(trx, tenantId, returnId);
      if (!ret) throw new NotFoundError('return', returnId);
      if (!transition.from.includes(ret.status)) throw new IllegalTransitionError(returnId, action, ret.status, transition.from);
      version = ret.version + 1;
      const lines = await repo.findReturnLines(trx, tenantId, returnId);
      const orderLines = await findOrderLines(trx, tenantId, ret.order_id);
      const at = new Date();
      const ctx = { trx, ret, lines, orderLines, input, at, currency: tenant.currency };
      transition.guard?.(ctx);
      const { update, payload, to: chosen } = await transition.apply(ctx);
      const to = chosen ?? transition.to(input);
      const updated = await repo.updateReturnIfVersion(trx, tenantId, returnId, ret.version, { ...update, status: to, updated_at: at });
      if (!updated) throw new DomainError('conflict', `return ${returnId} changed while ${action} was applied; try again`);
      await appendEvent(trx, {
        tenantId,
        entityType: 'return',
        entityId: returnId,
        type: `return.${to}`,
        actor: who.actor,
        occurredAt: at,
        reason: typeof input.reason === 'string' ? input.reason : null,
        payload: { action, from: ret.status, to, ...payload },
      });
      // The version this action produced names its follow-up work, so a retried job never repeats it (e.g. an e-mail).
      job = await this.outbox?.add(trx, `return.${action}`, { tenant_id: tenantId, return_id: returnId, version });
    });
    await this.outbox?.deliver(job ? [job] : []);
    return this.getReturn(tenantId, returnId, { timeline: true });
  }

  /** Takes units off a return before it is received; a return left with none is canceled (see remove-units.ts). */
  async removeUnits(tenantId: string, returnId: string, removals: UnitsRemoval[], who: ActorContext & { reason?: string }): Promise<Return> {
    const job = await this.db.transaction().execute(async (trx) => {
      const { canceled } = await removeReturnUnits(trx, tenantId, returnId, removals, who);
      return this.outbox?.add(trx, canceled ? 'return.cancel' : 'return.units_removed', { tenant_id: tenantId, return_id: returnId });
    });
    await this.outbox?.deliver(job ? [job] : []);
    return this.getReturn(tenantId, returnId, { timeline: true });
  }

  /**
   * Attaches or replaces the return parcel's tracking and label without moving the return (shipping it is the
   * `ship` action); refused for a return that has no label yet (requested) or will never travel.
   */
  async attachTracking(tenantId: string, returnId: string, tracking: ReturnTracking, who: ActorContext): Promise<Return> {
    const update = trackingUpdate(tracking);
    if (!Object.keys(update).length) throw new InvalidInputError('tracking needs at least one of carrier, tracking_number, tracking_url, label_url');
    await this.db.transaction().execute(async (trx) => {
      const ret = await repo.findReturn(trx, tenantId, returnId);
      if (!ret) throw new NotFoundError('return', returnId);
      if (!TRACKING_STATUSES.includes(ret.status)) {
        throw new DomainError('conflict', `cannot attach tracking to return ${returnId}: it is ${ret.status}, and tracking is only kept once it is ${TRACKING_STATUSES.join(' or ')}`, {
          return_id: returnId,
          current_status: ret.status,
        });
      }
      const at = new Date();
      if (!(await repo.updateReturnIfVersion(trx, tenantId, returnId, ret.version, { ...update, updated_at: at }))) {
        throw new DomainError('conflict', `return ${returnId} changed while its tracking was attached; try again`);
      }
      await appendEvent(trx, { tenantId, entityType: 'return', entityId: returnId, type: 'return.tracking_attached', actor: who.actor, occurredAt: at, payload: trackingPayload(update) });
    });
    return this.getReturn(tenantId, returnId);
  }

  /**
   * What a customer may still return from an order: per SKU, the units bought, already being returned and
   * returnable in one return, and the policy's refusal when the SKU cannot be returned at all.
   */
  async returnableLines(tenantId: string, orderId: string, at = new Date()): Promise<
    { sku: string; product_name: string | null; category: string; unit_price: number; bought: number; already_returned: number; returnable: number; refusal: string | null }[]
  > {
    const tenant = await this.tenants.getTenant(tenantId);
    const order = await findOrder(this.db, tenantId, orderId);
    if (!order) throw new NotFoundError('order', orderId);
    const lines = await findOrderLines(this.db, tenantId, orderId);
    const held = await repo.unitsAlreadyReturned(this.db, tenantId, orderId);
    // One entry per SKU, as a return names its lines: an order may carry a SKU on several lines, and one return
    // takes units of one of them (see orderLineFor), so what can go back now is the most any one of them has left.
    const skus = [...new Set(lines.map((l) => l.sku))];
    return skus.map((sku) => {
      const ofSku = lines.filter((l) => l.sku === sku);
      const judged = judgeLines(ofSku, { held, windowStartsAt: new Date(order.delivered_at ?? order.ordered_at) }, tenant.policy, at);
      const allowed = judged.filter((j) => !j.refusal);
      const best = allowed.reduce<JudgedLine | undefined>((b, j) => (!b || j.left > b.left ? j : b), undefined) ?? judged[0];
      return {
        sku,
        product_name: best.line.product_name,
        category: best.line.category,
        unit_price: Number(best.line.unit_price),
        bought: ofSku.reduce((n, l) => n + l.quantity, 0),
        already_returned: ofSku.reduce((n, l) => n + (held.get(l.line_id) ?? 0), 0),
        returnable: allowed.length ? best.left : 0,
        refusal: allowed.length ? null : judged[0].refusal!.message,
      };
    });
  }

  /** A return of the tenant with its lines (and timeline when asked); NotFoundError otherwise. */
  async getReturn(tenantId: string, returnId: string, opts: { timeline?: boolean } = {}): Promise<Return> {
    const row = await repo.findReturn(this.db, tenantId, returnId);
    if (!row) throw new NotFoundError('return', returnId);
    const ret = toReturn(row, await repo.findReturnLines(this.db, tenantId, returnId), await repo.findReasonCorrections(this.db, tenantId, [returnId]));
    if (opts.timeline) {
      ret.timeline = await readTimeline(this.db, tenantId, 'return', returnId);
      // An imported return's first entry is the import that brought it (one event per file, not per return).
      const imported = row.import_id ? (await readTimeline(this.db, tenantId, 'import', row.import_id))[0] : undefined;
      if (imported) {
        const { file } = (imported.payload ?? {}) as { file?: string };
        ret.timeline.unshift({ ...imported, type: 'return.imported', payload: { import_id: row.import_id, file } });
      }
    }
    return ret;
  }

  /** A page of the tenant's returns, newest first, with an opaque cursor for the next page. */
  async listReturns(tenantId: string, filter: Omit<repo.ReturnListFilter, 'after' | 'limit'> & { cursor?: string; limit?: number }): Promise<ReturnPage> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    let after: repo.ReturnListFilter['after'];
    if (filter.cursor) {
      try {
        const [requested_at, id] = JSON.parse(Buffer.from(filter.cursor, 'base64url').toString('utf8')) as [string, string];
        if (typeof requested_at !== 'string' || typeof id !== 'string') throw new Error('shape');
        after = { requested_at, id };
      } catch {
        throw new InvalidInputError('cursor is not one this API handed out; start again without it');
      }
    }
    const rows = await repo.listReturns(this.db, tenantId, { ...filter, after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const linesByReturn = await repo.findLinesOfReturns(this.db, tenantId, page.map((r) => r.id));
    const corrections = await repo.findReasonCorrections(this.db, tenantId, page.map((r) => r.id));
    const last = page[page.length - 1];
    return {
      returns: page.map((r) => toReturn(r, linesByReturn.get(r.id) ?? [], corrections)),
      next_cursor:
        rows.length > limit && last
          ? Buffer.from(JSON.stringify([new Date(last.requested_at).toISOString(), last.id])).toString('base64url')
          : null,
    };
  }
}
