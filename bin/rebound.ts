#!/usr/bin/env node
/** `pnpm rebound <command>`: runs a command here, or hands it to the server that owns the data directory. */
import { resolve } from 'node:path';
import { forwardToServer, readServerInfo } from './handoff';
import { createLocalContext } from './local-context';
import { LOCAL_ONLY_COMMANDS, runCommandLine } from './program';

function dataDirFrom(argv: string[]): string {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data-dir' && argv[i + 1]) return argv[i + 1];
    if (argv[i].startsWith('--data-dir=')) return argv[i].slice('--data-dir='.length);
  }
  return process.env.REBOUND_DATA_DIR ?? './data';
}

function commandOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data-dir') i++;
    else if (!argv[i].startsWith('-')) return argv[i];
  }
  return undefined;
}

const argv = process.argv.slice(2);
const dataDir = resolve(dataDirFrom(argv));
const withDir = argv.some((a) => a === '--data-dir' || a.startsWith('--data-dir=')) ? argv : ['--data-dir', dataDir, ...argv];
const command = commandOf(argv);
const server = command && !LOCAL_ONLY_COMMANDS.has(command) ? readServerInfo(dataDir) : undefined;

if (server) {
  try {
    const result = await forwardToServer(server, withDir, process.cwd());
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exit(result.exitCode);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

const local = createLocalContext(dataDir);
await runCommandLine(withDir, local.ctx, 'local');
await local.close();
process.exit(local.exitCode());
