import type { Engine } from '../engine';
import { scoreUnscoredOpenReturns } from '../fraud/score';

/** What a backfill did. */
export interface BackfillSummary {
  classifiedLines: number;
  classifiedReturns: number;
  scoredReturns: number;
}

/**
 * Gives imported history what the live pipeline gives each new return: the classifier's reading of every line
 * with the customer's words and none yet, and a fraud score on every open return without one; then the KPI
 * marts follow (the readings reach the reason KPIs of lines that carry no code).
 */
export async function backfillImportedReturns(engine: Engine, opts: { tenantId?: string; onProgress?: (lines: number) => void } = {}): Promise<BackfillSummary> {
  const classified = await engine.reasons.classifyUnread({ tenantId: opts.tenantId, onProgress: opts.onProgress });
  const scoredReturns = await scoreUnscoredOpenReturns(engine.store, { tenantId: opts.tenantId });
  if (classified.lines + scoredReturns > 0) await engine.kpis.refresh({ runTests: false });
  return { classifiedLines: classified.lines, classifiedReturns: classified.returns, scoredReturns };
}
