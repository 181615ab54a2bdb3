import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnTest, DbtProject } from './project';
import { relation } from './render';

/** A data test that found rows it should not have, with a few of them. */
export interface TestFailure {
  model: string;
  test: string;
  column: string;
  failing: number;
  sample: Record<string, unknown>[];
}

const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** The SQL selecting the rows that break one yml test (dbt's generic tests). */
export function testSql(model: string, t: ColumnTest): string {
  const m = relation(model);
  const c = `"${t.column}"`;
  switch (t.name) {
    case 'not_null':
      return `select * from ${m} where ${c} is null`;
    case 'unique':
      return `select ${c}, count(*) as occurrences from ${m} where ${c} is not null group by ${c} having count(*) > 1`;
    case 'accepted_values':
      return `select ${c}, count(*) as occurrences from ${m} where ${c} is not null and ${c} not in (${(t.values ?? []).map(lit).join(', ')}) group by ${c}`;
    case 'relationships':
      return `select child.${c} from ${m} child left join ${relation(t.to!)} parent on child.${c} = parent."${t.field}" where child.${c} is not null and parent."${t.field}" is null`;
    default:
      throw new Error(`model ${model}: unknown test '${(t as ColumnTest).name}' on column ${t.column}`);
  }
}

/** Refuses a project declaring a data test the runner does not know, before anything is built. */
export function checkDataTests(project: DbtProject): void {
  for (const owner of [...project.seeds, ...project.models]) for (const t of owner.tests) testSql(owner.name, t);
}

/** Runs every yml data test of the project's models and seeds; returns the failures with sample rows. */
export async function runDataTests(conn: DuckDBConnection, project: DbtProject): Promise<{ count: number; failures: TestFailure[] }> {
  const failures: TestFailure[] = [];
  let count = 0;
  for (const owner of [...project.seeds, ...project.models]) {
    for (const t of owner.tests) {
      count++;
      const sql = testSql(owner.name, t);
      const n = Number((await conn.runAndReadAll(`select count(*) from (${sql})`)).getRows()[0][0]);
      if (n === 0) continue;
      const sample = (await conn.runAndReadAll(`${sql} limit 5`)).getRowObjectsJson() as Record<string, unknown>[];
      failures.push({ model: owner.name, test: t.name, column: t.column, failing: n, sample });
    }
  }
  return { count, failures };
}
