// Helper process for worker-kill.test.ts: a BullMQ worker on a data directory whose 'mark' job writes one row
// per event into DuckDB, idempotently (an event already written is not written again).
import { openEngine } from '../engine';
import { BullMqQueue } from './bullmq';

const [dataDir, prefix] = process.argv.slice(2) as [string, string];
const jobs = new BullMqQueue({ redisUrl: 'redis://127.0.0.1:6379', prefix, name: 'kill-test', lockDurationMs: 1500 });
const engine = await openEngine({ dataDir, jobs });
await engine.store.query('create table if not exists marks (event integer not null, done_at timestamptz not null)');
jobs.handle('mark', async (p) => {
  await new Promise((r) => setTimeout(r, 40));
  await engine.store.query('insert into marks select ?, now() where not exists (select 1 from marks where event = ?)', [p.event, p.event]);
});
process.stdout.write('ready\n');
process.once('SIGTERM', () => void engine.close().then(() => process.exit(0)));
