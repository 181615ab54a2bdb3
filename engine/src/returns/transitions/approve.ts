import { ReturnStatus } from '../status';
import type { ReturnTransition } from './transition';

/** The merchant (or a rule) accepts a requested return; the customer may now ship it. */
export const approve: ReturnTransition<{ note?: string }> = {
  action: 'approve',
  from: [ReturnStatus.Requested],
  to: () => ReturnStatus.Approved,
  async apply({ at, input }) {
    return { update: { approved_at: at }, payload: input.note ? { note: input.note } : {} };
  },
};
