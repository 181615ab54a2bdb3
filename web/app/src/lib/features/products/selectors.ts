import type { Engine } from '@rebound/engine';
import { kpiFilters, readChoice, readFilters, type DashboardFilters } from '../../dashboard/filters';

/** What the products page can rank SKUs by (the engine's sorts), with how each reads. */
export const PRODUCT_SORTS = {
  return_rate_units: 'Return rate',
  units_returned: 'Units returned',
  return_cost_total: 'Return cost',
  value_lost: 'Value lost',
} as const;
export type ProductSort = keyof typeof PRODUCT_SORTS;

/** The products page's question, read from the URL; bad dates, filters or sorts throw BadFilterError. */
export function productsQuery(url: URL, now?: Date): DashboardFilters & { sort: ProductSort } {
  return { ...readFilters(url, 365, now), sort: readChoice(url, 'sort', Object.keys(PRODUCT_SORTS) as ProductSort[], 'return_rate_units') };
}

/** SKUs ranked by the chosen KPI (top 50) with their top reasons, and the tenant's currency. */
export async function productsReport(engine: Engine, tenantId: string, q: ReturnType<typeof productsQuery>) {
  const [report, tenant] = await Promise.all([engine.kpis.products(tenantId, kpiFilters(q), { sort: q.sort, limit: 50 }), engine.tenants.getTenant(tenantId)]);
  return { skus: report.skus, currency: tenant.currency };
}
