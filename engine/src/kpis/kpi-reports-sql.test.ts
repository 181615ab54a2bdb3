import { expect, it } from 'vitest';
import { loadProject } from './dbt-runner/project';
import { renderModel } from './dbt-runner/render';

// The SQL of the products, finance and flow marts, rendered for one tenant, window and filter: a change to a
// formula (macros/return_money_kpis.sql) or to a mart shows up here.
const vars = { kpi_tenant: 'ten_1', kpi_from: '2026-05-01T00:00:00.000Z', kpi_to: '2026-06-01T00:00:00.000Z', kpi_sku: "o'neill", kpi_grain: 'week' };

for (const name of ['mart_sku_returns', 'mart_sku_top_reasons', 'mart_return_money_by_disposition', 'mart_return_money_by_period', 'mart_disposition_flows']) {
  it(`renders ${name} for a window and a SKU filter`, () => {
    const project = loadProject();
    const { sql } = renderModel(project, project.models.find((m) => m.name === name)!, { vars });
    expect(sql).toContain("and sku = 'o''neill'");
    expect(sql).toContain("requested_at >= '2026-05-01T00:00:00.000Z'::timestamptz");
    expect(sql.replace(/\s+/g, ' ')).toMatchSnapshot();
  });
}

it('renders the margin impact as refunds + exchanges + costs - value recovered', () => {
  const project = loadProject();
  const { sql } = renderModel(project, project.models.find((m) => m.name === 'mart_return_money_by_period')!);
  expect(sql.replace(/\s+/g, ' ')).toContain(
    "round(coalesce(sum(refund_amount), 0) + sum(case when resolution = 'exchange' then line_value else 0 end) + sum(return_cost) - sum(recovered_value_effective), 2) as margin_impact",
  );
});
