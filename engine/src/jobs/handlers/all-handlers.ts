import type { Engine } from '../../engine';

/**
 * Wires the follow-up work of each event to the queue: one handler file per job in this folder, one line
 * each here. Handlers must be idempotent: a job may run again after a crash.
 */
export function registerJobHandlers(engine: Engine): void {
  void engine;
}
