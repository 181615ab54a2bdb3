import type { Engine } from '../../engine';

/** Decides a new return by the tenant's active rules (after its reason and fraud score are known). */
export async function decideReturnByRules(engine: Engine, payload: Record<string, unknown>): Promise<void> {
  await engine.rules.decideReturn(String(payload.tenant_id), String(payload.return_id));
}
