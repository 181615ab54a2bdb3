import { InvalidInputError, UnprocessableError } from '../../shared/errors';
import { updateReturnLine } from '../returns.repository';
import { ReturnStatus } from '../status';
import type { ReturnTransition } from './transition';

/** What the warehouse found in the parcel for one line (all optional: by default, what was requested). */
export interface ReceivedLine {
  sku: string;
  /** Units that actually came back. */
  quantity?: number;
  /** The SKU that actually came back, when it is not the one requested. */
  received_sku?: string;
  /** Weight of what came back, in kg. */
  weight_kg?: number;
}

/**
 * The warehouse has the parcel. Allowed from approved too: parcels often arrive without a carrier scan
 * ever reaching us, and the warehouse must still be able to book them in.
 */
export const receive: ReturnTransition<{ note?: string; lines?: ReceivedLine[] }> = {
  action: 'receive',
  from: [ReturnStatus.InTransit, ReturnStatus.Approved],
  to: () => ReturnStatus.Received,
  guard({ ret, lines, input }) {
    for (const got of input.lines ?? []) {
      const line = lines.find((l) => l.sku === got.sku);
      if (!line) throw new UnprocessableError(`return ${ret.id} has no line with sku '${got.sku}'`);
      if (got.quantity !== undefined && (!Number.isInteger(got.quantity) || got.quantity < 0 || got.quantity > line.quantity)) {
        throw new InvalidInputError(`received quantity of ${got.sku} must be a whole number from 0 to ${line.quantity}`);
      }
      if (got.weight_kg !== undefined && !(got.weight_kg >= 0)) throw new InvalidInputError(`received weight of ${got.sku} must be >= 0 kg`);
    }
  },
  async apply({ trx, ret, lines, at, input }) {
    for (const line of lines) {
      const got = input.lines?.find((l) => l.sku === line.sku);
      await updateReturnLine(trx, ret.tenant_id, ret.id, line.sku, {
        received_at: at,
        received_quantity: got?.quantity ?? line.quantity,
        received_sku: got?.received_sku ?? line.sku,
        received_weight_kg: got?.weight_kg ?? null,
      });
    }
    const payload: Record<string, unknown> = {};
    if (input.note) payload.note = input.note;
    if (input.lines?.length) payload.lines = input.lines;
    return { update: { received_at: at }, payload };
  },
};
