import { IllegalTransitionError, type ReturnAction } from '@rebound/engine';
import { returnOrFail, SHOPIFY_ACTOR, type TopicContext } from './apply-context';
import { returnIdOf } from './returns-request';

type Rec = Record<string, unknown>;

/** returns/approve, decline, cancel, close: moves our return the same way; already there changes nothing. */
export function returnTransition(action: ReturnAction, doneStatus: string) {
  return async ({ engine, tenantId, payload }: TopicContext): Promise<string> => {
    const returnId = returnIdOf(payload);
    const current = await returnOrFail(engine, tenantId, returnId);
    if (current.status === doneStatus) return `return ${returnId} already ${doneStatus}`;
    const decline = (payload.decline ?? {}) as Rec;
    const input = action === 'decline' ? { reason: String(decline.note ?? decline.reason ?? 'declined in Shopify') } : {};
    try {
      await engine.returns.transition(tenantId, returnId, action, input, SHOPIFY_ACTOR);
    } catch (err) {
      // Moved there by someone else (staff, the rules) between the read above and the transition: same outcome.
      if (err instanceof IllegalTransitionError && err.details?.current_status === doneStatus) return `return ${returnId} already ${doneStatus}`;
      throw err;
    }
    return `return ${returnId} ${doneStatus}`;
  };
}
