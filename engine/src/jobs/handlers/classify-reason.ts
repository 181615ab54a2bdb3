import type { Engine } from '../../engine';

/** Classifies the customer's words on a new return's lines (idempotent: same text, same reading). */
export async function classifyReasonsOfReturn(engine: Engine, payload: Record<string, unknown>): Promise<void> {
  await engine.reasons.classifyReturn(String(payload.tenant_id), String(payload.return_id));
}
