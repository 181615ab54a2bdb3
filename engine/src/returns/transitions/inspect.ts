import { InvalidInputError, UnprocessableError } from '../../shared/errors';
import { CONDITIONS, DISPOSITIONS, type Condition, type Disposition } from '../dispositions';
import { updateReturnLine } from '../returns.repository';
import { ReturnStatus } from '../status';
import { paidFor, unitsBack } from '../line-value';
import type { ReturnTransition } from './transition';

/** The grade and fate of one inspected line. */
export interface InspectedLine {
  sku: string;
  condition: Condition;
  disposition: Disposition;
  /** What the unit is expected to bring back (resale, vendor credit); defaults to the price for restock. */
  recovered_value?: number;
  processing_cost?: number;
}

/** Every line of a received return gets a condition grade and a disposition. */
export const inspect: ReturnTransition<{ lines?: InspectedLine[] }> = {
  action: 'inspect',
  from: [ReturnStatus.Received],
  to: () => ReturnStatus.Inspected,
  guard({ ret, lines, input }) {
    const given = input.lines ?? [];
    if (!given.length) throw new InvalidInputError('inspection needs a grade for every line: lines [{sku, condition, disposition}]');
    const skus = new Set(lines.map((l) => l.sku));
    for (const line of given) {
      if (!skus.has(line.sku)) throw new UnprocessableError(`return ${ret.id} has no line with sku '${line.sku}'`);
      if (!CONDITIONS.includes(line.condition)) {
        throw new InvalidInputError(`condition '${line.condition}' of ${line.sku} is not one of ${CONDITIONS.join(', ')}`);
      }
      if (!DISPOSITIONS.includes(line.disposition)) {
        throw new InvalidInputError(`disposition '${line.disposition}' of ${line.sku} is not one of ${DISPOSITIONS.join(', ')}`);
      }
      if (line.recovered_value !== undefined && !(line.recovered_value >= 0)) {
        throw new InvalidInputError(`recovered_value of ${line.sku} must be >= 0`);
      }
    }
    const missing = [...skus].filter((sku) => !given.some((g) => g.sku === sku));
    if (missing.length) throw new UnprocessableError(`inspection of ${ret.id} must grade every line; missing: ${missing.join(', ')}`);
  },
  async apply({ trx, ret, lines, orderLines, input, at }) {
    for (const graded of input.lines!) {
      const line = lines.find((l) => l.sku === graded.sku)!;
      // A restocked line recovers what was paid for the units that came back, unless the grader says otherwise.
      const recovered = graded.recovered_value ?? (graded.disposition === 'restock' ? paidFor(orderLines, line, unitsBack(line)) : undefined);
      await updateReturnLine(trx, ret.tenant_id, ret.id, graded.sku, {
        condition: graded.condition,
        disposition: graded.disposition,
        inspected_at: at,
        restocked_at: graded.disposition === 'restock' || graded.disposition === 'refurbish' ? at : null,
        ...(recovered !== undefined ? { recovered_value: recovered } : {}),
        ...(graded.processing_cost !== undefined ? { processing_cost: graded.processing_cost } : {}),
      });
    }
    return { update: { inspected_at: at }, payload: { lines: input.lines } };
  },
};
