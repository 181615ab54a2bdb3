import type { Store } from '../db/connection';
import { InvalidInputError } from '../shared/errors';
import { buildOrder, buildProject, type BuildResult } from './dbt-runner/build';
import { runDataTests, type TestFailure } from './dbt-runner/data-tests';
import { loadProject, type DbtProject } from './dbt-runner/project';
import { renderModel } from './dbt-runner/render';
import { DIMENSIONS, GRAINS, KPI_KEYS, type Dimension, type Grain, type KpiFilters, type KpiKey, type KpiValues } from './kpi-definitions';

function checkDate(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/.test(value) || Number.isNaN(new Date(value).getTime())) {
    throw new InvalidInputError(`${name} '${value}' is not an ISO 8601 date or timestamp (for example 2026-05-01 or 2026-05-01T00:00:00Z)`);
  }
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString();
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

  /** Builds the marts once if this store has never had them. */
  private async ensureBuilt(): Promise<void> {
    if (this.built) return;
    const [{ n }] = await this.store.query<{ n: number }>(
      `select count(*) as n from information_schema.tables where table_schema = 'main' and table_name in ('fct_return_lines', 'fct_order_lines')`,
    );
    if (n < 2) await this.refresh({ runTests: false });
    this.built = true;
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
      kpi_category: filters.category || null,
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

  /** Makes sure the marts exist (built once on first use). */
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
    if (!(GRAINS as readonly string[]).includes(grain)) throw new InvalidInputError(`grain '${grain}' is not one of ${GRAINS.join(', ')}`);
    const rows = await this.runMart('mart_return_kpis_by_period', tenantId, filters, { kpi_grain: grain as Grain });
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
}
