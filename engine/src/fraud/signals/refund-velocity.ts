import type { FraudSignal } from '../signal';

/** Many refunds to one customer in a short time. */
export const refundVelocity: FraudSignal = {
  id: 'refund_velocity',
  weight: 0.3,
  description: 'three or more refunds to this customer in the last 30 days',
  evaluate({ refundsLast30Days }) {
    if (refundsLast30Days.count < 3) return null;
    return { evidence: { refunds_30d: refundsLast30Days.count, amount_30d: refundsLast30Days.amount }, strength: Math.min(1, refundsLast30Days.count / 6) };
  },
};
