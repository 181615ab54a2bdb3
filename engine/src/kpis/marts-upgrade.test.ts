import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openEngine, type Engine } from '../engine';
import { loadContractStore } from './fixtures/load-contract-store';

let dir: string | undefined;
let engine: Engine | undefined;

afterEach(async () => {
  await engine?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('answers from facts built by an older release: the first question brings them up to date', async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebound-marts-upgrade-'));
  engine = await openEngine({ dataDir: dir });
  const tenantId = (await engine.tenants.createTenant({ name: 'Upgrade', currency: 'EUR' })).tenant.id;
  await loadContractStore(engine.store, tenantId);
  await engine.kpis.refresh();
  const before = await engine.kpis.kpis(tenantId);
  // What a release before the first-line marks left in the store.
  await engine.store.query('alter table fct_return_lines drop column is_first_line_of_return');
  await engine.store.query('alter table fct_return_lines drop column is_first_costed_line_of_return');
  await engine.close();

  engine = await openEngine({ dataDir: dir });
  expect(await engine.kpis.kpis(tenantId)).toEqual(before);
});
