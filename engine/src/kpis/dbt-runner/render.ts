import nunjucks from 'nunjucks';
import type { DbtModel, DbtProject } from './project';

/** What rendering a model produced: its SQL, its config() and the models it refs. */
export interface RenderedModel {
  sql: string;
  materialized: string;
  uniqueKey?: string;
  refs: string[];
}

/** Quotes an identifier for DuckDB. */
export function relation(name: string): string {
  return `"main"."${name.replace(/"/g, '""')}"`;
}

// Values of vars land inside SQL string literals in the models: escape quotes so a value can never end one.
function sqlSafe(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/'/g, "''") : value;
}

/**
 * Renders a model's Jinja with nunjucks (dbt's ref, source, config, var, is_incremental, this), the project's
 * macros in scope. dbt itself is a Python program and not part of a Node install; nunjucks speaks the same
 * template language for what our models use.
 */
export function renderModel(
  project: DbtProject,
  model: DbtModel,
  opts: { vars?: Record<string, unknown>; incremental?: boolean } = {},
): RenderedModel {
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  const refs: string[] = [];
  const config: Record<string, unknown> = {};
  const vars = { ...project.vars, ...(opts.vars ?? {}) };
  env.addGlobal('ref', (name: string) => {
    if (!project.models.some((m) => m.name === name) && !project.seeds.some((s) => s.name === name)) {
      throw new Error(`model ${model.name} refs '${name}', which is neither a model nor a seed of the project`);
    }
    refs.push(name);
    return relation(name);
  });
  env.addGlobal('source', (_source: string, table: string) => relation(table));
  env.addGlobal('config', (c: Record<string, unknown>) => {
    Object.assign(config, c);
    return '';
  });
  env.addGlobal('var', (name: string, fallback?: unknown) => {
    if (name in vars && vars[name] !== undefined) return sqlSafe(vars[name]);
    if (fallback !== undefined) return fallback;
    throw new Error(`model ${model.name} uses var '${name}', which is not set`);
  });
  env.addGlobal('is_incremental', () => Boolean(opts.incremental));
  env.addGlobal('this', relation(model.name));
  let sql: string;
  try {
    sql = env.renderString(`${project.macros}\n${model.template}`, {});
  } catch (error) {
    throw new Error(`cannot render model ${model.name} (${model.path}): ${(error as Error).message}`);
  }
  return {
    sql: sql.trim(),
    materialized: (config.materialized as string | undefined) ?? model.defaultMaterialized,
    uniqueKey: config.unique_key as string | undefined,
    refs: [...new Set(refs)],
  };
}
