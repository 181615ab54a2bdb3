import type { Engine } from '../../engine';

/** Folds a live change into the KPI marts soon (batched: see KpisService.refreshSoon). */
export async function refreshMartsSoon(engine: Engine): Promise<void> {
  engine.kpis.refreshSoon();
}
