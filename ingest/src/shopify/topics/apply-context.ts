import { NotFoundError, UnprocessableError, type Engine, type Return } from '@rebound/engine';

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

/** Our return for a Shopify return id, or a failure telling the merchant what to deliver first. */
export async function returnOrFail(engine: Engine, tenantId: string, returnId: string, opts: { timeline?: boolean } = {}): Promise<Return> {
  return engine.returns
    .getReturn(tenantId, returnId, opts)
    .catch((err: unknown) => {
      if (err instanceof NotFoundError) cannotApply(`return ${returnId} is unknown (deliver its returns/request first, then replay)`);
      throw err;
    });
}
