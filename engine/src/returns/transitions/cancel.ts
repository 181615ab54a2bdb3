import { ReturnStatus } from '../status';
import type { ReturnTransition } from './transition';

/** The customer or merchant withdraws a return; only possible before the warehouse receives it. */
export const cancel: ReturnTransition<{ reason?: string }> = {
  action: 'cancel',
  from: [ReturnStatus.Requested, ReturnStatus.Approved, ReturnStatus.InTransit],
  to: () => ReturnStatus.Canceled,
  async apply({ at, input }) {
    return { update: { canceled_at: at }, payload: input.reason ? { reason: input.reason } : {} };
  },
};
