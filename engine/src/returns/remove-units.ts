import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import { appendEvent } from '../events/events.repository';
import { DomainError, InvalidInputError, NotFoundError, UnprocessableError } from '../shared/errors';
import * as repo from './returns.repository';
import { ReturnStatus } from './status';

/** Units to take off one line of a return. */
export interface UnitsRemoval {
  sku: string;
  quantity: number;
}

/** Units can leave a return only while nothing has reached the warehouse (as for canceling it). */
export const UNITS_REMOVABLE_FROM: readonly ReturnStatus[] = [ReturnStatus.Requested, ReturnStatus.Approved, ReturnStatus.InTransit];

/**
 * Takes units off a return before it is received (the customer or the shop changed their mind about some items):
 * each line shrinks, a line left with none goes, and a return left with no line at all is canceled. Every removal
 * is checked before anything is written, and the change is one event (`return.units_removed` or `return.canceled`).
 */
export async function removeReturnUnits(
  trx: Transaction<Database>,
  tenantId: string,
  returnId: string,
  removals: UnitsRemoval[],
  who: { actor: string; reason?: string },
): Promise<{ canceled: boolean }> {
  if (!removals.length) throw new InvalidInputError('name at least one line to take units off: [{sku, quantity}]');
  const ret = await repo.findReturn(trx, tenantId, returnId);
  if (!ret) throw new NotFoundError('return', returnId);
  if (!UNITS_REMOVABLE_FROM.includes(ret.status)) {
    throw new DomainError('conflict', `cannot take units off return ${returnId}: it is ${ret.status}, and units can only leave a return while it is ${UNITS_REMOVABLE_FROM.join(', ')}`, {
      return_id: returnId,
      current_status: ret.status,
    });
  }
  const lines = await repo.findReturnLines(trx, tenantId, returnId);
  const left = new Map(lines.map((l) => [l.sku, l.quantity]));
  for (const [i, r] of removals.entries()) {
    if (!Number.isInteger(r.quantity) || r.quantity < 1) throw new InvalidInputError(`removals[${i}].quantity must be a whole number >= 1, got ${JSON.stringify(r.quantity)}`);
    const held = left.get(r.sku);
    if (held === undefined) throw new UnprocessableError(`return ${returnId} has no line with sku '${r.sku}'`);
    if (r.quantity > held) throw new UnprocessableError(`cannot take ${r.quantity} x ${r.sku} off return ${returnId}: it holds ${held}`);
    left.set(r.sku, held - r.quantity);
  }
  const at = new Date();
  // Taking every unit off means the return is withdrawn: it is canceled with its lines kept as they were asked for.
  const canceled = [...left.values()].every((q) => q === 0);
  if (!canceled) {
    for (const [sku, quantity] of left) {
      if (quantity === 0) await repo.deleteReturnLine(trx, tenantId, returnId, sku);
      else if (quantity !== lines.find((l) => l.sku === sku)!.quantity) await repo.updateReturnLine(trx, tenantId, returnId, sku, { quantity });
    }
  }
  const update = canceled ? { status: ReturnStatus.Canceled, canceled_at: at, updated_at: at } : { updated_at: at };
  if (!(await repo.updateReturnIfVersion(trx, tenantId, returnId, ret.version, update))) {
    throw new DomainError('conflict', `return ${returnId} changed while units were taken off it; try again`);
  }
  const removed = removals.map((r) => ({ sku: r.sku, quantity: r.quantity }));
  await appendEvent(trx, {
    tenantId,
    entityType: 'return',
    entityId: returnId,
    type: canceled ? 'return.canceled' : 'return.units_removed',
    actor: who.actor,
    occurredAt: at,
    reason: who.reason ?? null,
    payload: canceled ? { action: 'cancel', from: ret.status, to: ReturnStatus.Canceled, removed } : { removed, lines: Object.fromEntries(left) },
  });
  return { canceled };
}
