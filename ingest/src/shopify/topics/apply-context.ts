import { UnprocessableError, type Engine } from '@rebound/engine';

/** What a topic handler gets: the engine, the tenant and the parsed payload (big ids as strings). */
export interface TopicContext {
  engine: Engine;
  tenantId: string;
  payload: Record<string, unknown>;
}

/** Refuses a webhook that cannot be applied; the inbox keeps it as a failed event with this reason. */
export function cannotApply(reason: string): never {
  throw new UnprocessableError(reason);
}

/** Who the domain records as the author of a webhook's effect. */
export const SHOPIFY_ACTOR = { actor: 'shopify', source: 'shopify' } as const;
