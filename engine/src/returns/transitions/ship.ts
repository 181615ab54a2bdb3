import { trackingPayload, trackingUpdate, type ReturnTracking } from '../tracking';
import { ReturnStatus } from '../status';
import type { ReturnTransition } from './transition';

/** The parcel is handed to the carrier (first carrier scan or customer drop-off); its tracking is kept on the return. */
export const ship: ReturnTransition<ReturnTracking> = {
  action: 'ship',
  from: [ReturnStatus.Approved],
  to: () => ReturnStatus.InTransit,
  guard({ input }) {
    trackingUpdate(input); // refuses a malformed link before anything is written
  },
  async apply({ at, input }) {
    const tracking = trackingUpdate(input);
    return { update: { shipped_at: at, ...tracking }, payload: trackingPayload(tracking) };
  },
};
