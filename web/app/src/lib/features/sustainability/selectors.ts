import type { Engine } from '@rebound/engine';
import { kpiFilters, readChoice, readFilters, type DashboardFilters } from '../../dashboard/filters';

/** Periods the sustainability page charts by. */
export const GRAINS = ['day', 'week', 'month'] as const;
export type Grain = (typeof GRAINS)[number];

/** The sustainability page's question, read from the URL; bad dates, filters or grains throw BadFilterError. */
export function sustainabilityQuery(url: URL, now?: Date): DashboardFilters & { grain: Grain } {
  return { ...readFilters(url, 365, now), grain: readChoice(url, 'grain', GRAINS, 'month') };
}

/** CO2 avoided and transport emitted, landfill and recovery (total, per period, per category) and the disposition flow. */
export function sustainabilityReport(engine: Engine, tenantId: string, q: ReturnType<typeof sustainabilityQuery>) {
  return engine.kpis.sustainability(tenantId, q.grain, kpiFilters(q));
}
