import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { InvalidInputError } from '../shared/errors';
import { engineInTempDir, runCommandInProcess } from '../testing/temp-store';
import { readClassifyInput, registerClassifyCommands } from './classify-commands';

let engine: Engine;
let dataDir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ engine, dataDir, cleanup } = await engineInTempDir('rebound-cli-classify-'));
});
afterAll(() => cleanup());

/** Runs `classify ...` in-process on the test engine: what it printed, and what it threw. */
const classify = (...args: string[]) => runCommandInProcess(engine, dataDir, registerClassifyCommands, ['classify', ...args]);

function input(name: string, text: string): string {
  writeFileSync(join(dataDir, name), text);
  return join(dataDir, name);
}

describe('rebound classify refuses bad input', () => {
  it('refuses a line that is not JSON, by its number, and classifies none of the lines before it', async () => {
    const path = input('not-json.jsonl', '{"id": 1, "text": "way too big"}\n\n{"id": 2, "text": "too small"\n');
    const { out, error } = await classify('--in', 'not-json.jsonl');
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe(`${path} line 3 is not JSON: expected {"id": ..., "text": "..."}`);
    expect(out).toEqual([]);
  });

  it('refuses a line whose text is missing or not a string, by its number', async () => {
    const missing = input('no-text.jsonl', '{"id": 1, "text": "way too big"}\n{"id": 2, "reason": "too small"}\n');
    expect(() => readClassifyInput(missing)).toThrow(InvalidInputError);
    expect(() => readClassifyInput(missing)).toThrow(`${missing} line 2 has no "text" string`);
    const numeric = input('numeric-text.jsonl', '{"id": 1, "text": 42}\n');
    expect(() => readClassifyInput(numeric)).toThrow(`${numeric} line 1 has no "text" string`);
    const { out, error } = await classify('--in', missing);
    expect((error as Error).message).toBe(`${missing} line 2 has no "text" string`);
    expect(out).toEqual([]);
  });

  it('refuses to run with neither --in nor --text, saying which to give', async () => {
    const { out, error } = await classify();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe('give --in FILE.jsonl or --text "..."');
    expect(out).toEqual([]);
  });
});
