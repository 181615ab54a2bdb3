import { InvalidInputError } from '../../shared/errors';
import { ReturnStatus } from '../status';
import type { ReturnTransition } from './transition';

/** The merchant (or a rule) refuses a requested return, with a reason the customer will read. */
export const decline: ReturnTransition<{ reason?: string }> = {
  action: 'decline',
  from: [ReturnStatus.Requested],
  to: () => ReturnStatus.Declined,
  guard({ input }) {
    if (!input.reason?.trim()) throw new InvalidInputError('declining a return needs a reason the customer can read (field "reason")');
  },
  async apply({ at, input }) {
    return { update: { declined_at: at, decline_reason: input.reason!.trim() }, payload: { reason: input.reason!.trim() } };
  },
};
