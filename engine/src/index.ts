/** @rebound/engine: the returns domain, with no knowledge of HTTP, files or UI. */
export { openEngine, type Engine, type EngineOptions } from './engine';
export { openStore, databaseFile, type Store } from './db/connection';
export * from './shared/errors';
export { ReturnStatus, RETURN_STATUSES, toShopifyReturnStatus, isReturnStatus } from './returns/status';
export { CONDITIONS, DISPOSITIONS, RESOLUTIONS, toShopifyDisposition, fromShopifyDisposition } from './returns/dispositions';
export type { Condition, Disposition, Resolution } from './returns/dispositions';
export { RETURN_ACTIONS } from './returns/transitions/all-transitions';
export type { ReturnAction } from './returns/transitions/transition';
export type { Return, ReturnLine, ReturnRequest, ReturnPage, ActorContext } from './returns/returns.service';
export type { Order, OrderInput } from './orders/orders.service';
export type { Tenant, NewTenant, TenantChanges } from './tenants/tenants.service';
export { DEFAULT_POLICY, type ReturnPolicy } from './returns/policy';
export type { JobQueue, JobHandler, DeadLetter } from './jobs/queue';
export { InProcessQueue } from './jobs/in-process';
export { BullMqQueue, type BullMqQueueOptions } from './jobs/bullmq';
export type { CliContext } from './cli/context';
export { tenantFromOption } from './cli/tenant-commands';
export { registerEngineCommands } from './cli/engine-commands';
