import type { FraudSignal } from '../signal';

/** Other customer accounts share this customer's e-mail, phone or address. */
export const linkedAccounts: FraudSignal = {
  id: 'linked_accounts',
  weight: 0.4,
  description: 'other customer accounts share the e-mail, phone or address',
  evaluate({ linkedAccounts: links }) {
    const shared = links.filter((l) => l.customers.length > 0);
    if (!shared.length) return null;
    const others = new Set(shared.flatMap((l) => l.customers));
    return {
      evidence: { shared_by: Object.fromEntries(shared.map((l) => [l.field, l.customers])), linked_customers: others.size },
      strength: Math.min(1, 0.5 + 0.25 * others.size),
    };
  },
};
