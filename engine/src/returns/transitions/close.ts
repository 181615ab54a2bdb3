import { ReturnStatus } from '../status';
import type { ReturnTransition } from './transition';

/** Nothing more will happen to a resolved return. */
export const close: ReturnTransition<{ note?: string }> = {
  action: 'close',
  from: [ReturnStatus.Resolved],
  to: () => ReturnStatus.Closed,
  async apply({ at, input }) {
    return { update: { closed_at: at }, payload: input.note ? { note: input.note } : {} };
  },
};
