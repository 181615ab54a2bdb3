import type { FraudSignal } from '../signal';

/** The parcel weighed far less than the items it should hold (empty or light box). */
export const lightBox: FraudSignal = {
  id: 'light_box',
  weight: 0.7,
  description: 'the received weight is far below the expected weight',
  evaluate({ lines }) {
    for (const line of lines) {
      if (line.received_weight_kg === null || !line.weight_kg) continue;
      const expected = line.weight_kg * (line.received_quantity ?? line.quantity);
      if (expected > 0 && line.received_weight_kg < 0.5 * expected) {
        return {
          evidence: { sku: line.sku, expected_kg: Number(expected.toFixed(3)), received_kg: line.received_weight_kg },
          strength: Math.min(1, 1 - line.received_weight_kg / expected + 0.3),
        };
      }
    }
    return null;
  },
};
