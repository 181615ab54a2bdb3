import type { Engine } from '../../engine';
import { scoreReturnFraud } from '../../fraud/score';

/** Scores (or re-scores, after receipt and inspection) a return's fraud signals; safe to run again. */
export async function scoreFraudOfReturn(engine: Engine, payload: Record<string, unknown>): Promise<void> {
  await scoreReturnFraud(engine.store, String(payload.tenant_id), String(payload.return_id));
}
