import { returnOrFail, SHOPIFY_ACTOR, type TopicContext } from './apply-context';
import { returnIdOf } from './returns-request';

/**
 * returns/reopen: Shopify opened a closed return again. Our closed return goes back to the status it was closed
 * from (the engine's `reopen`); one that is not closed (already reopened) changes nothing. Any other status is
 * refused by the state machine with its reason.
 */
export async function applyReturnReopen({ engine, tenantId, payload }: TopicContext): Promise<string> {
  const returnId = returnIdOf(payload);
  const ret = await returnOrFail(engine, tenantId, returnId);
  // Shopify's CLOSED is our resolved or closed: a resolved return is already as open as reopening makes it.
  if (ret.status === 'resolved') return `return ${returnId} is not closed in Rebound (resolved): nothing to reopen`;
  const after = await engine.returns.transition(tenantId, returnId, 'reopen', {}, SHOPIFY_ACTOR);
  return `return ${returnId} reopened (${after.status})`;
}
