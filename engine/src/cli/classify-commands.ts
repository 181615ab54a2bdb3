import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidInputError } from '../shared/errors';
import type { CliContext } from './context';

/** Reads `{"id", "text"}` JSON lines, refusing a bad line with its number. */
export function readClassifyInput(path: string): { id: unknown; text: string }[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new InvalidInputError(`${path}: no such file`);
  }
  return raw.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    let row: { id?: unknown; text?: unknown };
    try {
      row = JSON.parse(line);
    } catch {
      throw new InvalidInputError(`${path} line ${i + 1} is not JSON: expected {"id": ..., "text": "..."}`);
    }
    if (typeof row.text !== 'string') throw new InvalidInputError(`${path} line ${i + 1} has no "text" string`);
    return [{ id: row.id ?? null, text: row.text }];
  });
}

/** `rebound classify --in FILE.jsonl | --text "..."`: one JSON line per text, in input order. */
export function registerClassifyCommands(program: Command, ctx: CliContext): void {
  program
    .command('classify')
    .description('classify return reasons from customers\' own words')
    .option('--in <file>', 'JSON lines {"id": ..., "text": "..."}')
    .option('--text <text>', 'one text')
    .action(async (opts: { in?: string; text?: string }) => {
      if (!opts.in && opts.text === undefined) throw new InvalidInputError('give --in FILE.jsonl or --text "..."');
      const rows = opts.in ? readClassifyInput(resolve(ctx.cwd, opts.in)) : [{ id: null, text: opts.text! }];
      const results = await ctx.withEngine((engine) => engine.reasons.classify(rows.map((r) => r.text)));
      results.forEach((r, i) => {
        const { reason_code, confidence, alternatives, tags, needs_review } = r;
        ctx.stdout(JSON.stringify({ ...(opts.in ? { id: rows[i].id } : {}), reason_code, confidence, alternatives, tags, needs_review }));
      });
    });
}
