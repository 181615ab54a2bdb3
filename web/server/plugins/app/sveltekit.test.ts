import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { isVanishedAsset } from './sveltekit';

const client = mkdtempSync(join(tmpdir(), 'rebound-client-'));
mkdirSync(join(client, '_app', 'immutable'), { recursive: true });
writeFileSync(join(client, '_app', 'immutable', 'start.abc.js'), '');
afterAll(() => rmSync(client, { recursive: true, force: true }));

it('finds a built asset that is gone after a rebuild, and leaves every other path to the app', () => {
  expect(isVanishedAsset('/_app/immutable/start.abc.js', client)).toBe(false);
  expect(isVanishedAsset('/_app/immutable/start.old.js', client)).toBe(true);
  expect(isVanishedAsset('/returns', client)).toBe(false);
  expect(isVanishedAsset('/favicon.svg', client)).toBe(false);
  // Paths that climb out of the client folder, or do not decode, are not ours to judge.
  expect(isVanishedAsset('/_app/../../etc/passwd', client)).toBe(false);
  expect(isVanishedAsset('/_app/%E0%A4%A', client)).toBe(false);
});
