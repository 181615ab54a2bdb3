import type { FraudSignal } from '../signal';

// Words customers use when an item was worn for an occasion and sent back.
const WORN = /\b(wore|worn|wearing) (it|them|this)?\s*(once|one time|for|to)\b|\b(wedding|prom|party|gala|photo ?shoot|vacation|holiday|event) (is )?(over|done|finished)\b|\bonly (wore|needed|used) (it|them)\b|\bused (it|them) once\b|\bafter the (wedding|party|event|trip)\b/i;
const USED_GRADES = new Set(['good', 'fair', 'damaged', 'unsellable']);

/** Worn once for an occasion and returned: words that say so, and an inspection grade showing use. */
export const wardrobing: FraudSignal = {
  id: 'wardrobing',
  weight: 0.45,
  description: "the customer's words say it was worn for an occasion, and inspection shows use",
  evaluate({ lines }) {
    for (const line of lines) {
      const words = line.reason_text?.match(WORN)?.[0];
      const used = line.condition !== null && USED_GRADES.has(line.condition);
      if (!words && !(used && ['apparel', 'footwear'].includes(line.category) && line.reason_text && /\b(tags?|label)s? (off|removed|cut)\b/i.test(line.reason_text))) continue;
      // Words alone are a hint; words plus a grade showing use are the pattern.
      return { evidence: { sku: line.sku, words: words ?? 'tags removed', condition: line.condition }, strength: used ? 1 : 0.5 };
    }
    return null;
  },
};
