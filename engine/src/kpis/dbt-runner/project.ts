import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** A data test declared in a model's yml. */
export interface ColumnTest {
  column: string;
  name: 'not_null' | 'unique' | 'accepted_values' | 'relationships';
  values?: string[];
  to?: string;
  field?: string;
}

/** A model of the project: its SQL template, where it sits, and its tests. */
export interface DbtModel {
  name: string;
  path: string;
  /** staging, intermediate or marts: the folder, which sets the default materialization. */
  layer: string;
  template: string;
  defaultMaterialized: string;
  tests: ColumnTest[];
}

/** A dbt project as the embedded runner needs it. */
export interface DbtProject {
  dir: string;
  vars: Record<string, unknown>;
  macros: string;
  models: DbtModel[];
  seeds: { name: string; path: string; tests: ColumnTest[] }[];
}

/** The dbt project shipped with Rebound (`dbt/` at the repository root). */
export function defaultProjectDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../../dbt');
}

function walk(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

function testsOf(columns: { name: string; tests?: unknown[] }[] | undefined): ColumnTest[] {
  const out: ColumnTest[] = [];
  for (const col of columns ?? []) {
    for (const t of col.tests ?? []) {
      if (typeof t === 'string') out.push({ column: col.name, name: t as ColumnTest['name'] });
      else if (t && typeof t === 'object') {
        const [name, args] = Object.entries(t as Record<string, Record<string, unknown>>)[0];
        const to = typeof args.to === 'string' ? /ref\(['"](\w+)['"]\)/.exec(args.to)?.[1] ?? args.to : undefined;
        out.push({ column: col.name, name: name as ColumnTest['name'], values: args.values as string[] | undefined, to, field: args.field as string | undefined });
      }
    }
  }
  return out;
}

/** Reads dbt_project.yml, the models with their yml, the macros and the seeds of a project folder. */
export function loadProject(dir = defaultProjectDir()): DbtProject {
  const projectFile = join(dir, 'dbt_project.yml');
  if (!existsSync(projectFile)) throw new Error(`no dbt project at ${dir} (dbt_project.yml is missing)`);
  const project = parseYaml(readFileSync(projectFile, 'utf8')) as {
    vars?: Record<string, unknown>;
    models?: Record<string, Record<string, { '+materialized'?: string }>>;
  };
  const layerConfig = Object.values(project.models ?? {})[0] ?? {};
  const ymlDocs = [...walk(join(dir, 'models'), '.yml'), ...walk(join(dir, 'seeds'), '.yml')].map(
    (p) => parseYaml(readFileSync(p, 'utf8')) as { models?: { name: string; columns?: { name: string; tests?: unknown[] }[] }[]; seeds?: { name: string; columns?: { name: string; tests?: unknown[] }[] }[] },
  );
  const ymlFor = (name: string, kind: 'models' | 'seeds') => ymlDocs.flatMap((d) => d[kind] ?? []).find((m) => m.name === name);
  const models = walk(join(dir, 'models'), '.sql').map((path) => {
    const name = basename(path, '.sql');
    const layer = relative(join(dir, 'models'), path).split(/[\\/]/)[0];
    return {
      name,
      path,
      layer,
      template: readFileSync(path, 'utf8'),
      defaultMaterialized: layerConfig[layer]?.['+materialized'] ?? 'view',
      tests: testsOf(ymlFor(name, 'models')?.columns),
    };
  });
  const seeds = walk(join(dir, 'seeds'), '.csv').map((path) => {
    const name = basename(path, '.csv');
    return { name, path, tests: testsOf(ymlFor(name, 'seeds')?.columns) };
  });
  const macros = walk(join(dir, 'macros'), '.sql').map((p) => readFileSync(p, 'utf8')).join('\n');
  return { dir, vars: project.vars ?? {}, macros, models, seeds };
}
