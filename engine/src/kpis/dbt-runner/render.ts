import nunjucks from 'nunjucks';
import type { DbtModel, DbtProject } from './project';

/** What rendering a model produced: its SQL, its config() and the models it refs. */
export interface RenderedModel {
  sql: string;
  materialized: string;
  /** The columns identifying a row of an incremental model (config unique_key: one column or a list). */
  uniqueKey?: string[];
  /** How an incremental model takes in its new rows (config incremental_strategy). */
  incrementalStrategy?: IncrementalStrategy;
  /** The column an incremental model takes newer rows by (config watermark=...), if it names one. */
  watermark?: string;
  refs: string[];
}

/** The incremental strategies the runner knows (dbt-duckdb's names). */
export const INCREMENTAL_STRATEGIES = ['delete+insert', 'append'] as const;
export type IncrementalStrategy = (typeof INCREMENTAL_STRATEGIES)[number];

/** Quotes an identifier for DuckDB. */
export function relation(name: string): string {
  return `"main"."${name.replace(/"/g, '""')}"`;
}

// Values of vars land inside SQL string literals in the models: escape quotes so a value can never end one.
function sqlSafe(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/'/g, "''") : value;
}

/** What one render sees through the globals: set just before the (synchronous) render, read by them. */
interface RenderState {
  model: DbtModel;
  vars: Record<string, unknown>;
  incremental: boolean;
  refs: string[];
  config: Record<string, unknown>;
}

interface CompiledModel {
  template: nunjucks.Template;
  state: { current?: RenderState };
}

// Compiling the macros and a model costs ~15 ms; a KPI question renders a mart per request, so each model is
// compiled once per project and only rendered after that (per-render values reach the globals through `state`).
const compiled = new WeakMap<DbtProject, Map<string, CompiledModel>>();

function compile(project: DbtProject, model: DbtModel): CompiledModel {
  let byModel = compiled.get(project);
  if (!byModel) compiled.set(project, (byModel = new Map()));
  const hit = byModel.get(model.name);
  if (hit) return hit;
  const state: CompiledModel['state'] = {};
  const now = () => state.current!;
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  env.addGlobal('ref', (name: string) => {
    if (!project.models.some((m) => m.name === name) && !project.seeds.some((s) => s.name === name)) {
      throw new Error(`model ${now().model.name} refs '${name}', which is neither a model nor a seed of the project`);
    }
    now().refs.push(name);
    return relation(name);
  });
  env.addGlobal('source', (_source: string, table: string) => relation(table));
  env.addGlobal('config', (c: Record<string, unknown>) => {
    Object.assign(now().config, c);
    return '';
  });
  env.addGlobal('var', (name: string, fallback?: unknown) => {
    const { vars } = now();
    if (name in vars && vars[name] !== undefined) return sqlSafe(vars[name]);
    if (fallback !== undefined) return fallback;
    throw new Error(`model ${now().model.name} uses var '${name}', which is not set`);
  });
  env.addGlobal('is_incremental', () => now().incremental);
  env.addGlobal('this', relation(model.name));
  let template: nunjucks.Template;
  try {
    template = new nunjucks.Template(`${project.macros}\n${model.template}`, env, model.path, true);
  } catch (error) {
    throw new Error(`cannot render model ${model.name} (${model.path}): ${(error as Error).message}`);
  }
  const entry = { template, state };
  byModel.set(model.name, entry);
  return entry;
}

function uniqueKeyOf(model: DbtModel, key: unknown): string[] | undefined {
  if (key === undefined || key === null) return undefined;
  const columns = Array.isArray(key) ? key : [key];
  if (!columns.length || !columns.every((c) => typeof c === 'string' && c !== '')) {
    throw new Error(`model ${model.name}: unique_key must be a column name or a list of column names, got ${JSON.stringify(key)}`);
  }
  return columns as string[];
}

// dbt-duckdb's default: delete+insert when the model names a unique_key, else append.
function strategyOf(model: DbtModel, config: Record<string, unknown>): IncrementalStrategy | undefined {
  const given = config.incremental_strategy;
  if (given === undefined || given === null) return config.unique_key === undefined || config.unique_key === null ? 'append' : 'delete+insert';
  if (!(INCREMENTAL_STRATEGIES as readonly unknown[]).includes(given)) {
    throw new Error(`model ${model.name}: incremental_strategy '${String(given)}' is not one of ${INCREMENTAL_STRATEGIES.join(', ')}`);
  }
  return given as IncrementalStrategy;
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
  const { template, state } = compile(project, model);
  const current: RenderState = { model, vars: { ...project.vars, ...(opts.vars ?? {}) }, incremental: Boolean(opts.incremental), refs: [], config: {} };
  state.current = current;
  let sql: string;
  try {
    sql = template.render({});
  } catch (error) {
    throw new Error(`cannot render model ${model.name} (${model.path}): ${(error as Error).message}`);
  } finally {
    state.current = undefined;
  }
  return {
    sql: sql.trim(),
    materialized: (current.config.materialized as string | undefined) ?? model.defaultMaterialized,
    uniqueKey: uniqueKeyOf(model, current.config.unique_key),
    incrementalStrategy: strategyOf(model, current.config),
    watermark: current.config.watermark as string | undefined,
    refs: [...new Set(current.refs)],
  };
}
