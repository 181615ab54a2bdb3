import type { FraudSignal } from '../signal';

/** A customer who sends back most of what they buy, many times over. */
export const serialReturner: FraudSignal = {
  id: 'serial_returner',
  weight: 0.35,
  description: "the customer's trailing-year return rate and count are far above normal",
  evaluate({ customer }) {
    if (customer.unitsOrdered < 3 || customer.returns < 3) return null;
    const rate = customer.unitsReturned / customer.unitsOrdered;
    if (rate < 0.6) return null;
    return { evidence: { return_rate: Number(rate.toFixed(3)), returns: customer.returns, orders: customer.orders }, strength: Math.min(1, rate) };
  },
};
