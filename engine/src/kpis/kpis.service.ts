import type { Store } from '../db/connection';
import { InvalidInputError } from '../shared/errors';
import { parseIsoTimestamp } from '../shared/timestamps';
import { buildOrder, buildProject, type BuildResult } from './dbt-runner/build';
import { runDataTests, type TestFailure } from './dbt-runner/data-tests';
import { loadProject, type DbtProject } from './dbt-runner/project';
import { renderModel } from './dbt-runner/render';
import { DIMENSIONS, GRAINS, KPI_KEYS, type Dimension, type Grain, type KpiFilters, type KpiKey, type KpiValues } from './kpi-definitions';
import { checkLimit, checkSkuSort, rankSkus, toKpiValues, toMoney, type DispositionFlow, type MoneyValues, type SkuReturns } from './kpi-reports';

function checkDate(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const date = parseIsoTimestamp(value);
  if (!date) throw new InvalidInputError(`${name} '${value}' is not an ISO 8601 date or timestamp (for example 2026-05-01 or 2026-05-01T00:00:00Z)`);
  return date.toISOString();
}

function checkGrain(grain: string): Grain {
  if (!(GRAINS as readonly string[]).includes(grain)) throw new InvalidInputError(`grain '${grain}' is not one of ${GRAINS.join(', ')}`);
  return grain as Grain;
}

function checkMetric(metric: string): KpiKey {
  if (!(KPI_KEYS as readonly string[]).includes(metric)) throw new InvalidInputError(`metric '${metric}' is not a KPI; use one of ${KPI_KEYS.join(', ')}`);
  return metric as KpiKey;
}

const toNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The returns KPIs of a tenant, read from the dbt marts. Every formula lives in dbt/ (macros/return_kpis.sql):
 * a windowed or filtered question renders the same mart model with the kpi_* vars set and runs its SELECT.
 */
export class KpisService {
  private project: DbtProject | undefined;
  private built = false;

  constructor(
    private readonly store: Store,
    private readonly projectDir?: string,
  ) {}

  private getProject(): DbtProject {
    return (this.project ??= loadProject(this.projectDir));
  }

  /** Builds (incrementally unless fullRefresh) every model and runs the data tests. */
  async refresh(opts: { fullRefresh?: boolean; runTests?: boolean } = {}): Promise<BuildResult> {
    const result = await this.store.withConnection((conn) => buildProject(conn, this.getProject(), opts));
    this.built = true;
    return result;
  }

  private pending: ReturnType<typeof setTimeout> | undefined;

  /**
   * Asks for an incremental refresh within `delayMs`: live events (requests, transitions) arrive one by one, and
   * folding them in batches keeps the marts fresh without rebuilding them on every event.
   */
  refreshSoon(delayMs = Number(process.env.REBOUND_MARTS_REFRESH_MS ?? 30_000)): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.refresh({ runTests: false }).catch(() => undefined); // the next event or import retries
    }, delayMs);
    this.pending.unref();
  }

  /** Cancels a pending refresh (closing the store). */
  cancelPendingRefresh(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
  }

  /** Runs the yml data tests against what is built. */
  async test(): Promise<{ count: number; failures: TestFailure[] }> {
    await this.ensureBuilt();
    return this.store.withConnection((conn) => runDataTests(conn, this.getProject()));
  }

  /** The project's models in build order. */
  async models(): Promise<{ name: string; layer: string; materialized: string }[]> {
    const project = this.getProject();
    return buildOrder(project).map((m) => ({ name: m.name, layer: m.layer, materialized: renderModel(project, m).materialized }));
  }

  private bringingUpToDate: Promise<unknown> | undefined;

  /**
   * Brings the marts up to date once per process, before the first question: builds them if the store never had
   * them, and rebuilds a fact whose columns a newer release of the project changed (the marts read the new
   * ones). An incremental refresh, quick when nothing changed; concurrent first questions share it.
   */
  private async ensureBuilt(): Promise<void> {
    if (this.built) return;
    await (this.bringingUpToDate ??= this.refresh({ runTests: false }).finally(() => (this.bringingUpToDate = undefined)));
  }

  private async runMart(model: string, tenantId: string, filters: KpiFilters, extraVars: Record<string, string> = {}) {
    await this.ensureBuilt();
    return this.store.query<Record<string, unknown>>(this.renderMartSql(model, tenantId, filters, extraVars));
  }

  /** The SELECT of a KPI mart for a tenant, window and filters (for composing into other queries). */
  renderMartSql(model: string, tenantId: string, filters: KpiFilters, extraVars: Record<string, string> = {}): string {
    const vars = {
      kpi_tenant: tenantId,
      kpi_from: checkDate(filters.from, 'from') ?? null,
      kpi_to: checkDate(filters.to, 'to') ?? null,
      kpi_category: filters.category?.trim().toLowerCase() || null, // stored in lower case (orders.service, imports)
      kpi_sku: filters.sku || null,
      kpi_channel: filters.channel || null,
      kpi_reason: filters.reason || null,
      ...extraVars,
    };
    const project = this.getProject();
    const definition = project.models.find((m) => m.name === model);
    if (!definition) throw new Error(`the dbt project has no model ${model}`);
    return renderModel(project, definition, { vars }).sql;
  }

  /** Makes sure the marts exist and match the project (brought up to date once, on first use). */
  async ready(): Promise<void> {
    await this.ensureBuilt();
  }

  /** Every KPI of a tenant for a window [from, to) and filters; nulls where a denominator is empty. */
  async kpis(tenantId: string, filters: KpiFilters = {}): Promise<KpiValues> {
    const [row] = await this.runMart('mart_return_kpis', tenantId, filters);
    const out = {} as KpiValues;
    for (const key of KPI_KEYS) out[key] = row ? toNumber(row[key]) : ['returns_count', 'units_returned', 'refund_total', 'co2_avoided_kg', 'materials_recycled_kg', 'co2_transport_kg'].includes(key) ? 0 : null;
    return out;
  }

  /** One KPI per period (day, week or month), oldest first. */
  async timeseries(tenantId: string, metric: string, grain: string, filters: KpiFilters = {}): Promise<{ period: string; value: number | null }[]> {
    const key = checkMetric(metric);
    const rows = await this.runMart('mart_return_kpis_by_period', tenantId, filters, { kpi_grain: checkGrain(grain) });
    return rows
      .map((r) => ({ period: new Date(r.period as string).toISOString(), value: toNumber(r[key]) }))
      .sort((a, b) => a.period.localeCompare(b.period));
  }

  /** One KPI per value of a dimension, largest first. */
  async breakdown(tenantId: string, metric: string, by: string, filters: KpiFilters = {}): Promise<{ value: string | null; kpi: number | null }[]> {
    const key = checkMetric(metric);
    if (!(DIMENSIONS as readonly string[]).includes(by)) throw new InvalidInputError(`by '${by}' is not one of ${DIMENSIONS.join(', ')}`);
    const rows = await this.runMart('mart_return_kpis_by_dimension', tenantId, filters, { kpi_dimension: by as Dimension });
    return rows
      .map((r) => ({ value: (r.dimension_value as string | null) ?? null, kpi: toNumber(r[key]) }))
      .sort((a, b) => (b.kpi ?? -Infinity) - (a.kpi ?? -Infinity));
  }

  /** Every KPI per period (day, week or month), oldest first: several series from one mart query. */
  async kpisByPeriod(tenantId: string, grain: string, filters: KpiFilters = {}): Promise<({ period: string } & KpiValues)[]> {
    const rows = await this.runMart('mart_return_kpis_by_period', tenantId, filters, { kpi_grain: checkGrain(grain) });
    return rows.map((r) => ({ period: new Date(r.period as string).toISOString(), ...toKpiValues(r) })).sort((a, b) => a.period.localeCompare(b.period));
  }

  /** Every KPI per value of a dimension, in the order of the values (nulls last). */
  async kpisByDimension(tenantId: string, by: string, filters: KpiFilters = {}): Promise<({ value: string | null } & KpiValues)[]> {
    if (!(DIMENSIONS as readonly string[]).includes(by)) throw new InvalidInputError(`by '${by}' is not one of ${DIMENSIONS.join(', ')}`);
    const rows = await this.runMart('mart_return_kpis_by_dimension', tenantId, filters, { kpi_dimension: by as Dimension });
    return rows
      .map((r) => ({ value: (r.dimension_value as string | null) ?? null, ...toKpiValues(r) }))
      .sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : a.value.localeCompare(b.value)));
  }

  /** SKUs ranked by return rate, cost, value lost (or another money column), each with its top three reasons. */
  async products(tenantId: string, filters: KpiFilters = {}, opts: { sort?: string; limit?: number | string } = {}): Promise<{ sort: string; skus: SkuReturns[] }> {
    const sort = checkSkuSort(opts.sort);
    const limit = checkLimit(opts.limit, 50);
    const [skus, reasons] = await Promise.all([this.runMart('mart_sku_returns', tenantId, filters), this.runMart('mart_sku_top_reasons', tenantId, filters)]);
    return { sort, skus: rankSkus(skus, reasons, sort, limit) };
  }

  /** Refunds, exchanges, costs, value recovered and margin impact: in total, per disposition and per period. */
  async finance(tenantId: string, grain: string, filters: KpiFilters = {}): Promise<{
    totals: MoneyValues;
    by_disposition: ({ disposition: string | null; value_recovery_rate: number | null } & MoneyValues)[];
    by_period: ({ period: string } & MoneyValues)[];
  }> {
    const g = checkGrain(grain);
    const [dispositions, periods] = await Promise.all([
      this.runMart('mart_return_money_by_disposition', tenantId, filters),
      this.runMart('mart_return_money_by_period', tenantId, filters, { kpi_grain: g }),
    ]);
    return {
      totals: toMoney(dispositions.find((r) => r.is_total === true)),
      by_disposition: dispositions
        .filter((r) => r.is_total !== true)
        .map((r) => ({ disposition: (r.disposition as string | null) ?? null, value_recovery_rate: r.value_recovery_rate == null ? null : Number(r.value_recovery_rate), ...toMoney(r) }))
        .sort((a, b) => b.value_returned - a.value_returned),
      by_period: periods.map((r) => ({ period: new Date(r.period as string).toISOString(), ...toMoney(r) })).sort((a, b) => a.period.localeCompare(b.period)),
    };
  }

  /** Units per link of the disposition flow: category -> disposition (stage 1), disposition -> outcome (stage 2). */
  async dispositionFlows(tenantId: string, filters: KpiFilters = {}): Promise<DispositionFlow[]> {
    const rows = await this.runMart('mart_disposition_flows', tenantId, filters);
    return rows
      .map((r) => ({ stage: Number(r.stage) as 1 | 2, source: r.source as string, target: r.target as string, units: Number(r.units) }))
      .sort((a, b) => a.stage - b.stage || b.units - a.units || a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  }

  /** CO2 avoided against transport emitted, landfill and recovery: in total, per period and per category, with the disposition flow. */
  async sustainability(tenantId: string, grain: string, filters: KpiFilters = {}) {
    const g = checkGrain(grain);
    const [totals, periods, categories, flows] = await Promise.all([
      this.kpis(tenantId, filters),
      this.kpisByPeriod(tenantId, g, filters),
      this.kpisByDimension(tenantId, 'category', filters),
      this.dispositionFlows(tenantId, filters),
    ]);
    const pick = (v: KpiValues) => ({
      co2_avoided_kg: v.co2_avoided_kg ?? 0,
      co2_transport_kg: v.co2_transport_kg ?? 0,
      materials_recycled_kg: v.materials_recycled_kg ?? 0,
      landfill_rate_units: v.landfill_rate_units,
      recovery_rate_units: v.recovery_rate_units,
    });
    return {
      totals: pick(totals),
      by_period: periods.map((p) => ({ period: p.period, ...pick(p) })),
      by_category: categories.filter((c) => (c.units_returned ?? 0) > 0).map((c) => ({ category: c.value, ...pick(c) })),
      flows,
    };
  }
}
