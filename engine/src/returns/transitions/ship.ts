import { ReturnStatus } from '../status';
import type { ReturnTransition } from './transition';

/** The parcel is handed to the carrier (first carrier scan or customer drop-off). */
export const ship: ReturnTransition<{ carrier?: string; tracking_number?: string }> = {
  action: 'ship',
  from: [ReturnStatus.Approved],
  to: () => ReturnStatus.InTransit,
  async apply({ at, input }) {
    const payload: Record<string, unknown> = {};
    if (input.carrier) payload.carrier = input.carrier;
    if (input.tracking_number) payload.tracking_number = input.tracking_number;
    return { update: { shipped_at: at }, payload };
  },
};
