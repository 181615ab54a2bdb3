import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import { roundMoney } from '../shared/money';
import type { Resolution } from './dispositions';

/** A refund (or store credit) to pay for one return line. */
export interface LineRefund {
  tenantId: string;
  returnId: string;
  sku: string;
  amount: number;
  currency: string;
  kind: Resolution;
  at: Date;
}

/**
 * Records the refund of one return line exactly once. The line's refund is looked up inside the caller's
 * transaction before one is written, and transactions run one at a time on the store's connection, so a retry
 * or a concurrent request finds the refund already recorded and returns it instead of paying again. A line that
 * came in by import with its refund already carries it and is not paid either.
 */
export async function recordLineRefund(trx: Transaction<Database>, refund: LineRefund): Promise<{ created: boolean; amount: number }> {
  const existing = await trx
    .selectFrom('refunds')
    .select(['amount'])
    .where('tenant_id', '=', refund.tenantId)
    .where('return_id', '=', refund.returnId)
    .where('sku', '=', refund.sku)
    .executeTakeFirst();
  if (existing) return { created: false, amount: Number(existing.amount) };
  // A line imported with its refund (history paid before Rebound) carries it on the line: never paid again.
  const line = await trx
    .selectFrom('return_lines')
    .select(['refund_amount'])
    .where('tenant_id', '=', refund.tenantId)
    .where('return_id', '=', refund.returnId)
    .where('sku', '=', refund.sku)
    .executeTakeFirst();
  if (line?.refund_amount != null) return { created: false, amount: Number(line.refund_amount) };
  const amount = roundMoney(refund.amount);
  await trx
    .insertInto('refunds')
    .values({
      tenant_id: refund.tenantId,
      return_id: refund.returnId,
      sku: refund.sku,
      amount,
      currency: refund.currency,
      kind: refund.kind,
      refunded_at: refund.at,
    })
    .execute();
  await trx
    .updateTable('return_lines')
    .set({ refund_amount: amount, refunded_at: refund.at })
    .where('tenant_id', '=', refund.tenantId)
    .where('return_id', '=', refund.returnId)
    .where('sku', '=', refund.sku)
    .execute();
  return { created: true, amount };
}
