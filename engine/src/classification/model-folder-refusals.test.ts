import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReasonClassifier, defaultModelDir } from './classifier';

let dir: string;
const envModelDir = process.env.REBOUND_REASON_MODEL_DIR;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rebound-model-folder-'));
  delete process.env.REBOUND_REASON_MODEL_DIR;
});
afterEach(() => {
  if (envModelDir === undefined) delete process.env.REBOUND_REASON_MODEL_DIR;
  else process.env.REBOUND_REASON_MODEL_DIR = envModelDir;
  rmSync(dir, { recursive: true, force: true });
});

describe('loading the reason model', () => {
  it('refuses an artifacts folder with no manifest, saying how to train a model', () => {
    mkdirSync(join(dir, 'v1'));
    expect(() => defaultModelDir(dir)).toThrow(`no reason model is shipped: ${join(dir, 'manifest.json')} is missing (train one with 'pnpm --filter @rebound/models train')`);
  });

  it('refuses a manifest that is not JSON or names no current model, saying how to mend it', () => {
    const manifest = join(dir, 'manifest.json');
    writeFileSync(manifest, '{"current": "v1"');
    expect(() => defaultModelDir(dir)).toThrow(new RegExp(`^the reason model manifest ${manifest} is not JSON \\(.+\\); restore it from the repository$`));
    for (const body of ['{}', '{"current": ""}', '{"current": 3}']) {
      writeFileSync(manifest, body);
      expect(() => defaultModelDir(dir)).toThrow(`the reason model manifest ${manifest} names no current model ("current": "<folder>"); restore it from the repository`);
    }
    writeFileSync(manifest, '{"current": "v1"}');
    expect(defaultModelDir(dir)).toBe(join(dir, 'v1'));
  });

  it('refuses a model folder whose model file is corrupt, naming the folder', async () => {
    const folder = join(dir, 'v9');
    cpSync(defaultModelDir(), folder, { recursive: true });
    writeFileSync(join(folder, 'onnx', 'model.onnx'), 'not an onnx graph');
    const loading = createReasonClassifier({ modelDir: folder });
    await expect(loading).rejects.toThrow(`cannot load the reason model in ${folder}: `);
    await expect(loading).rejects.toThrow(/model\.onnx failed/);
  });
});
