import type { FraudSignal } from '../signal';

/** At receipt, a different SKU or fewer units came back than were requested. */
export const itemMismatch: FraudSignal = {
  id: 'item_mismatch',
  weight: 0.6,
  description: 'a different item or fewer units came back than were requested',
  evaluate({ lines }) {
    for (const line of lines) {
      if (line.received_sku && line.received_sku !== line.sku) {
        return { evidence: { sku: line.sku, received_sku: line.received_sku } };
      }
      if (line.received_quantity !== null && line.received_quantity < line.quantity) {
        return { evidence: { sku: line.sku, requested: line.quantity, received: line.received_quantity } };
      }
    }
    return null;
  },
};
