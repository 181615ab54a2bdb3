/**
 * DuckDB lets one process write a database file. While `rebound serve` owns a data directory, other
 * commands hand their work to it: the server advertises itself in `<data dir>/server.json` (pid, port, a
 * random token, readable only by its owner) and runs forwarded command lines in-process on its own engine.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** What a running server writes about itself. */
export interface ServerInfo {
  pid: number;
  port: number;
  token: string;
  started_at: string;
}

/** Output of a command run inside the server. */
export interface ForwardedResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const infoFile = (dataDir: string) => join(dataDir, 'server.json');

/** A fresh secret for one server's hand-off route. */
export function newHandoffToken(): string {
  return randomBytes(24).toString('hex');
}

/** Advertises a running server for its data directory; returns a function that withdraws it. */
export function advertiseServer(dataDir: string, port: number, token: string): { withdraw: () => void } {
  const info: ServerInfo = { pid: process.pid, port, token, started_at: new Date().toISOString() };
  writeFileSync(infoFile(dataDir), JSON.stringify(info), { mode: 0o600 });
  return {
    withdraw: () => {
      const current = readServerInfo(dataDir);
      if (current?.pid === process.pid) rmSync(infoFile(dataDir), { force: true });
    },
  };
}

/** The advertised server of a data directory, if its process is still alive. */
export function readServerInfo(dataDir: string): ServerInfo | undefined {
  if (!existsSync(infoFile(dataDir))) return undefined;
  try {
    const info = JSON.parse(readFileSync(infoFile(dataDir), 'utf8')) as ServerInfo;
    process.kill(info.pid, 0); // throws when no such process
    return info;
  } catch {
    return undefined;
  }
}

/** Sends a command line to the running server and returns what it printed. */
export async function forwardToServer(info: ServerInfo, argv: string[], cwd: string): Promise<ForwardedResult> {
  const res = await fetch(`http://127.0.0.1:${info.port}/_internal/cli`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rebound-cli-token': info.token },
    body: JSON.stringify({ argv, cwd }),
    signal: AbortSignal.timeout(60 * 60 * 1000),
  });
  if (!res.ok) throw new Error(`the running server (pid ${info.pid}) refused the command: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as ForwardedResult;
}

/** The server side: a loopback-only route running forwarded command lines with `run`. */
export function handoffRoute(token: string, run: (argv: string[], cwd: string) => Promise<ForwardedResult>) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.post<{ Body: { argv: string[]; cwd: string } }>(
      '/_internal/cli',
      {
        schema: {
          hide: true,
          body: {
            type: 'object',
            required: ['argv', 'cwd'],
            properties: { argv: { type: 'array', items: { type: 'string' } }, cwd: { type: 'string' } },
          },
        },
      },
      async (request, reply) => {
        const given = Buffer.from(String(request.headers['x-rebound-cli-token'] ?? ''));
        const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(request.ip);
        if (!loopback || given.length !== token.length || !timingSafeEqual(given, Buffer.from(token))) {
          return reply.code(404).send();
        }
        return run(request.body.argv, request.body.cwd);
      },
    );
  };
}
