import { updateReturnLine } from '../returns.repository';
import { ReturnStatus } from '../status';
import type { ReturnTransition } from './transition';

/**
 * The warehouse has the parcel. Allowed from approved too: parcels often arrive without a carrier scan
 * ever reaching us, and the warehouse must still be able to book them in.
 */
export const receive: ReturnTransition<{ note?: string }> = {
  action: 'receive',
  from: [ReturnStatus.InTransit, ReturnStatus.Approved],
  to: () => ReturnStatus.Received,
  async apply({ trx, ret, lines, at, input }) {
    for (const line of lines) await updateReturnLine(trx, ret.tenant_id, ret.id, line.sku, { received_at: at });
    return { update: { received_at: at }, payload: input.note ? { note: input.note } : {} };
  },
};
