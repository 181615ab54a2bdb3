import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { engineInTempDir } from '../testing/temp-store';
import { KpisService } from './kpis.service';

let engine: Engine;
let cleanup: () => Promise<void>;
let projectDir: string;
let tenantId: string;

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-missing-mart-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Marts', currency: 'EUR' })).tenant.id;
  // A dbt project that builds, but without the KPI marts the service reads.
  projectDir = mkdtempSync(join(tmpdir(), 'rebound-dbt-no-marts-'));
  mkdirSync(join(projectDir, 'models', 'marts'), { recursive: true });
  writeFileSync(join(projectDir, 'dbt_project.yml'), 'name: shop\nmodels:\n  shop:\n    marts:\n      +materialized: view\n');
  writeFileSync(join(projectDir, 'models', 'marts', 'mart_other.sql'), 'select 1 as one');
});
afterAll(async () => {
  await cleanup();
  rmSync(projectDir, { recursive: true, force: true });
});

it('refuses a KPI question whose mart the dbt project does not have, naming the mart', async () => {
  const kpis = new KpisService(engine.store, projectDir);
  await expect(kpis.kpis(tenantId)).rejects.toThrow('the dbt project has no model mart_return_kpis');
  expect(() => kpis.renderMartSql('mart_sku_returns', tenantId, {})).toThrow('the dbt project has no model mart_sku_returns');
});
