import type { Engine } from '@rebound/engine';
import { kpiFilters, readChoice, readFilters, type DashboardFilters } from '../../dashboard/filters';

/** Periods the finance and sustainability pages chart by. */
export const GRAINS = ['day', 'week', 'month'] as const;
export type Grain = (typeof GRAINS)[number];

/** The finance page's question, read from the URL; bad dates, filters or grains throw BadFilterError. */
export function financeQuery(url: URL, now?: Date): DashboardFilters & { grain: Grain } {
  return { ...readFilters(url, 365, now), grain: readChoice(url, 'grain', GRAINS, 'month') };
}

/** Refunds, exchanges, costs, value recovered and margin impact (total, per disposition, per period), and the currency. */
export async function financeReport(engine: Engine, tenantId: string, q: ReturnType<typeof financeQuery>) {
  const [report, tenant] = await Promise.all([engine.kpis.finance(tenantId, q.grain, kpiFilters(q)), engine.tenants.getTenant(tenantId)]);
  return { ...report, currency: tenant.currency };
}
