import { openStore, type Store } from './db/connection';
import { registerJobHandlers } from './jobs/handlers/all-handlers';
import { KpisService } from './kpis/kpis.service';
import { ReasonsService } from './classification/reasons.service';
import { RulesService } from './rules/rules.service';
import { BullMqQueue, queueNameFor } from './jobs/bullmq';
import { IdempotencyService } from './idempotency/idempotency.service';
import { InProcessQueue } from './jobs/in-process';
import { JobOutbox, type JobOutboxOptions } from './jobs/outbox';
import type { JobQueue } from './jobs/queue';
import { OrdersService } from './orders/orders.service';
import { ReturnsService } from './returns/returns.service';
import { TenantsService } from './tenants/tenants.service';

/** The returns domain over one data directory: the services every interface (API, CLI, import) calls. */
export interface Engine {
  store: Store;
  jobs: JobQueue;
  /** Follow-up jobs written with the changes that call for them, handed to `jobs` after each commit. */
  outbox: JobOutbox;
  tenants: TenantsService;
  orders: OrdersService;
  returns: ReturnsService;
  kpis: KpisService;
  reasons: ReasonsService;
  rules: RulesService;
  /** Creating requests run once per idempotency key (API Idempotency-Key, portal form token). */
  idempotency: IdempotencyService;
  close(): Promise<void>;
}

/** How to open an engine. */
export interface EngineOptions {
  dataDir: string;
  /** The job queue; defaults to BullMQ when REDIS_URL is set, else an in-process queue. */
  jobs?: JobQueue;
  /** How the outbox hands jobs to the queue (waits, retries, where it reports an unavailable queue). */
  outbox?: JobOutboxOptions;
}

/** Opens the store of a data directory and wires the services over it. */
export async function openEngine(opts: EngineOptions): Promise<Engine> {
  const store = await openStore(opts.dataDir);
  const jobs = opts.jobs ?? (process.env.REDIS_URL ? new BullMqQueue({ redisUrl: process.env.REDIS_URL, name: queueNameFor(opts.dataDir) }) : new InProcessQueue());
  const tenants = new TenantsService(store.db);
  const orders = new OrdersService(store.db, tenants);
  const outbox = new JobOutbox(store.db, jobs, opts.outbox);
  const returns = new ReturnsService(store.db, tenants, outbox);
  const kpis = new KpisService(store);
  const reasons = new ReasonsService(store, {}, kpis);
  const rules = new RulesService(store, kpis, returns);
  const engine: Engine = {
    store,
    jobs,
    outbox,
    tenants,
    orders,
    returns,
    kpis,
    reasons,
    rules,
    idempotency: new IdempotencyService(store.db),
    async close() {
      kpis.cancelPendingRefresh();
      // The queue finishes the jobs it has before the outbox forgets their rows (in process, a row goes once its job ran).
      outbox.stop();
      await jobs.close();
      await outbox.close();
      await store.close();
    },
  };
  registerJobHandlers(engine);
  return engine;
}
