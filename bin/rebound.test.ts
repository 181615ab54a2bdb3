import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const entry = join(root, 'bin', 'rebound.ts');

/** Runs the CLI like `pnpm rebound ...` does and returns what it printed. */
function rebound(dataDir: string, ...args: string[]) {
  const r = spawnSync(tsx, [entry, '--data-dir', dataDir, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not come up');
}

describe('rebound tenants', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a tenant and prints {tenant_id, api_key} as JSON', () => {
    const r = rebound(dir, 'tenants', 'create', '--name', 'Acme', '--currency', 'EUR');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim());
    expect(out.tenant_id).toMatch(/^ten_/);
    expect(out.api_key).toMatch(/^rbk_/);
    const listed = rebound(dir, 'tenants', 'list').stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(listed.map((t: { currency: string }) => t.currency)).toEqual(['EUR']);
    expect(JSON.stringify(listed)).not.toContain(out.api_key);
  });

  it('defaults the currency to USD', () => {
    const r = rebound(dir, 'tenants', 'create', '--name', 'Default');
    expect(r.code).toBe(0);
    const listed = rebound(dir, 'tenants', 'list').stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(listed.find((t: { name: string }) => t.name === 'Default').currency).toBe('USD');
  });

  it('refuses a currency that is not ISO 4217, and a missing name, creating nothing', () => {
    const before = rebound(dir, 'tenants', 'list').stdout.trim().split('\n').length;
    const bad = rebound(dir, 'tenants', 'create', '--name', 'X', '--currency', 'EURO');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("'EURO' is not an ISO 4217 currency code");
    const noName = rebound(dir, 'tenants', 'create');
    expect(noName.code).not.toBe(0);
    expect(noName.stderr).toContain("required option '--name <name>'");
    expect(rebound(dir, 'tenants', 'list').stdout.trim().split('\n').length).toBe(before);
  });
});

describe('rebound classify', () => {
  it('prints one JSON line per input in order, and refuses a bad input line with its number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-classify-'));
    try {
      writeFileSync(join(dir, 'in.jsonl'), '{"id": "a", "text": "found it cheaper elsewhere"}\n{"id": 7, "text": "way too big"}\n');
      const ok = rebound(dir, 'classify', '--in', join(dir, 'in.jsonl'));
      expect(ok.code).toBe(0);
      const lines = ok.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.id, l.reason_code])).toEqual([['a', 'better_price'], [7, 'size_too_large']]);
      writeFileSync(join(dir, 'bad.jsonl'), '{"id": "a", "text": "ok"}\nnot json\n');
      const bad = rebound(dir, 'classify', '--in', join(dir, 'bad.jsonl'));
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('bad.jsonl line 2 is not JSON');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rebound backfill', () => {
  it("reads imported lines the model has not read yet, once, and refuses an unknown tenant", () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-backfill-'));
    const fixtures = join(root, 'ingest', 'src', 'files', 'fixtures');
    try {
      const tenant = JSON.parse(rebound(dir, 'tenants', 'create', '--name', 'Backfilled', '--currency', 'EUR').stdout).tenant_id;
      expect(rebound(dir, 'import', 'orders', join(fixtures, 'orders.csv')).code).toBe(0);
      const imported = rebound(dir, 'import', 'returns', join(fixtures, 'returns.csv'));
      expect(imported.code).toBe(0);
      expect(imported.stderr).toContain('`pnpm rebound backfill` reads their reasons');
      const first = rebound(dir, 'backfill', '--tenant', tenant);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^classified 5 lines of 5 returns, scored 0 open returns, [\d.]+ s$/m);
      expect(rebound(dir, 'backfill').stdout).toMatch(/^classified 0 lines of 0 returns, scored 0 open returns/m);
      const unknown = rebound(dir, 'backfill', '--tenant', 'ten_nobody');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('ten_nobody');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rebound serve and the hand-off of commands to it', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  let apiKey: string;
  const port = 20000 + Math.floor(Math.random() * 20000);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-serve-'));
    apiKey = JSON.parse(rebound(dir, 'tenants', 'create', '--name', 'Served', '--currency', 'GBP').stdout).api_key;
    server = spawn(tsx, [entry, '--data-dir', dir, 'serve', '--port', String(port)], { cwd: root, env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn' } });
    base = `http://127.0.0.1:${port}`;
    await waitForHealth(base, server);
  });
  afterAll(async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the API on a real port', async () => {
    const res = await fetch(`${base}/api/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ order_id: 'P-1', ordered_at: new Date().toISOString(), customer: { id: 'c1' }, lines: [{ sku: 'MUG', category: 'home', quantity: 2, unit_price: 9.5 }] }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const ret = await fetch(`${base}/api/v1/returns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ order_id: 'P-1', lines: [{ sku: 'MUG', quantity: 1, reason_text: 'chipped rim' }] }),
    });
    expect(ret.status).toBe(201);
    expect(((await ret.json()) as { status: string }).status).toBe('requested');
  });

  it('hands a command to the running server instead of failing on the database lock', () => {
    const r = rebound(dir, 'tenants', 'create', '--name', 'While serving', '--currency', 'EUR');
    expect(r.stderr).not.toMatch(/lock/i);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim()).tenant_id).toMatch(/^ten_/);
    const refused = rebound(dir, 'tenants', 'create', '--name', 'Bad', '--currency', 'XXXX');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not an ISO 4217 currency code');
  });

  it('refuses a second server on the same data directory with a clear message', () => {
    const r = rebound(dir, 'serve', '--port', String(port + 1));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already serving .* on port \d+/);
  });

  it('does not run forwarded commands for a caller without the token', async () => {
    const res = await fetch(`${base}/_internal/cli`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ argv: ['tenants', 'list'], cwd: '/' }) });
    expect(res.status).toBe(404);
  });
});
