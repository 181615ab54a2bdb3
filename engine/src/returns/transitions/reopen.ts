import { readTimeline } from '../../events/events.repository';
import { UnprocessableError } from '../../shared/errors';
import { isReturnStatus, ReturnStatus } from '../status';
import type { ReturnTransition } from './transition';

/**
 * A closed return is opened again (the shop reopened it: more to refund, a late exchange). It goes back to the
 * status it was closed from, read from its own `return.closed` event; today close is only allowed from resolved.
 */
export const reopen: ReturnTransition<{ note?: string }> = {
  action: 'reopen',
  from: [ReturnStatus.Closed],
  to: () => ReturnStatus.Resolved,
  async apply({ trx, ret, input }) {
    const timeline = await readTimeline(trx, ret.tenant_id, 'return', ret.id);
    const closing = timeline.filter((e) => e.type === `return.${ReturnStatus.Closed}`).at(-1);
    const from = (closing?.payload as { from?: unknown } | null)?.from;
    if (typeof from !== 'string' || !isReturnStatus(from) || from === ReturnStatus.Closed) {
      throw new UnprocessableError(`return ${ret.id} has no close in its event log to undo, so there is no status to reopen it to`, { return_id: ret.id });
    }
    return { to: from, update: { closed_at: null }, payload: { restored: from, ...(input.note ? { note: input.note } : {}) } };
  },
};
