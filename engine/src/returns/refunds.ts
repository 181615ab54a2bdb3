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
 * Records the refund of one return line exactly once. The refunds table's primary key
 * (tenant, return, sku) makes a second refund of a line impossible whatever is retried; a repeat returns
 * the refund already recorded instead of paying again.
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
