import { expect, it } from 'vitest';
import { loadProject } from './dbt-runner/project';
import { renderModel } from './dbt-runner/render';

// The SQL the marts run, rendered for one tenant, window and filter: a change to a formula shows up here.
it('renders the headline KPI mart for a window and a filter', () => {
  const project = loadProject();
  const model = project.models.find((m) => m.name === 'mart_return_kpis')!;
  const { sql, refs } = renderModel(project, model, {
    vars: { kpi_tenant: 'ten_1', kpi_from: '2026-05-01T00:00:00.000Z', kpi_to: '2026-06-01T00:00:00.000Z', kpi_category: "o'brien" },
  });
  expect(refs).toEqual(['fct_return_lines', 'fct_order_lines']);
  expect(sql).toContain("and category = 'o''brien'");
  expect(sql.replace(/\s+/g, ' ')).toMatchSnapshot();
});

it('renders the all-time model that dbt itself would build (no filters)', () => {
  const project = loadProject();
  const { sql } = renderModel(project, project.models.find((m) => m.name === 'mart_return_kpis')!);
  expect(sql).not.toMatch(/requested_at >=|category =/);
});

it('counts returns by the first-line marks unless a filter picks single lines', () => {
  const project = loadProject();
  const model = project.models.find((m) => m.name === 'mart_return_kpis')!;
  const window = { kpi_tenant: 'ten_1', kpi_from: '2026-05-01T00:00:00.000Z', kpi_to: '2026-06-01T00:00:00.000Z' };
  const whole = renderModel(project, model, { vars: { ...window, kpi_channel: 'web' } }).sql;
  expect(whole).toContain('count_if(is_first_line_of_return)');
  expect(whole).not.toContain('count(distinct');
  for (const filter of [{ kpi_category: 'home' }, { kpi_sku: 'A' }, { kpi_reason: 'style' }]) {
    const split = renderModel(project, model, { vars: { ...window, ...filter } }).sql;
    expect(split).toContain('count(distinct return_id)');
    expect(split).not.toContain('is_first_line_of_return');
  }
});
