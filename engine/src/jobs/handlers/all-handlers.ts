import type { Engine } from '../../engine';
import type { JobHandler } from '../queue';
import { classifyReasonsOfReturn } from './classify-reason';
import { decideReturnByRules } from './decide-return';
import { refreshMartsSoon } from './refresh-marts';
import { scoreFraudOfReturn } from './score-fraud';

/** A step of the work that follows one event; steps run in order and must be idempotent. */
export type PipelineStep = (engine: Engine, payload: Record<string, unknown>) => Promise<void>;

/**
 * What runs after each event, in order: one handler file per step in this folder, one line each here.
 * A job retries as a whole, so every step must be safe to run again after a crash.
 */
export const PIPELINE: Record<string, PipelineStep[]> = {
  'return.requested': [classifyReasonsOfReturn, scoreFraudOfReturn, decideReturnByRules, refreshMartsSoon],
  'return.approve': [refreshMartsSoon],
  'return.decline': [refreshMartsSoon],
  'return.cancel': [refreshMartsSoon],
  'return.ship': [refreshMartsSoon],
  'return.receive': [scoreFraudOfReturn, refreshMartsSoon],
  'return.inspect': [scoreFraudOfReturn, refreshMartsSoon],
  'return.resolve': [refreshMartsSoon],
  'return.close': [refreshMartsSoon],
  'return.reopen': [refreshMartsSoon],
  'return.units_removed': [refreshMartsSoon],
};

/** Wires each event's steps to the engine's job queue. */
export function registerJobHandlers(engine: Engine): void {
  for (const [name, steps] of Object.entries(PIPELINE)) {
    const handler: JobHandler = async (payload) => {
      for (const step of steps) await step(engine, payload);
    };
    engine.jobs.handle(name, handler);
  }
}
