import type { FraudSignal } from '../signal';

/** A return requested after the policy window closed (possible through imports, Shopify or overrides). */
export const returnAfterWindow: FraudSignal = {
  id: 'return_after_window',
  weight: 0.3,
  description: 'requested after the return window closed',
  evaluate({ requestedAt, windowStartsAt, returnWindowDays }) {
    const days = (requestedAt.getTime() - windowStartsAt.getTime()) / 86_400_000;
    if (days <= returnWindowDays) return null;
    return { evidence: { days_after_start: Math.round(days), window_days: returnWindowDays, days_late: Math.round(days - returnWindowDays) } };
  },
};
