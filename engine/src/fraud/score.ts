import { sql } from 'kysely';
import type { Store } from '../db/connection';
import { appendEvents } from '../events/events.repository';
import { ReturnStatus } from '../returns/status';
import { loadFraudContext } from './context';
import { loadFraudContexts } from './contexts';
import type { Evidence, FraudContext, FraudSignal } from './signal';
import { bracketing } from './signals/bracketing';
import { highValue } from './signals/high-value';
import { itemMismatch } from './signals/item-mismatch';
import { lightBox } from './signals/light-box';
import { linkedAccounts } from './signals/linked-accounts';
import { refundVelocity } from './signals/refund-velocity';
import { returnAfterWindow } from './signals/return-after-window';
import { serialReturner } from './signals/serial-returner';
import { wardrobing } from './signals/wardrobing';

/** Every signal, in the order they are reported. */
export const FRAUD_SIGNALS: readonly FraudSignal[] = [
  serialReturner,
  returnAfterWindow,
  highValue,
  bracketing,
  wardrobing,
  itemMismatch,
  lightBox,
  linkedAccounts,
  refundVelocity,
];

/** One fired signal with its contribution and evidence. */
export interface FiredSignal {
  signal: string;
  contribution: number;
  evidence: Evidence;
}

/** A return's fraud score in [0, 1] and the signals that made it. */
export interface FraudAssessment {
  score: number;
  signals: FiredSignal[];
}

/**
 * Combines fired signals as a noisy-OR: 1 - prod(1 - weight x strength). Independent hints add up without
 * ever passing 1, and one strong signal (an empty box) is enough on its own.
 */
export function assessFraud(ctx: FraudContext, signals: readonly FraudSignal[] = FRAUD_SIGNALS): FraudAssessment {
  const fired: FiredSignal[] = [];
  let clean = 1;
  for (const signal of signals) {
    const hit = signal.evaluate(ctx);
    if (!hit) continue;
    const contribution = signal.weight * Math.min(1, Math.max(0, hit.strength ?? 1));
    clean *= 1 - contribution;
    fired.push({ signal: signal.id, contribution: Number(contribution.toFixed(4)), evidence: hit.evidence });
  }
  return { score: Number((1 - clean).toFixed(4)), signals: fired };
}

/** Scores a return and stores the score and its signals on it (an event records a changed score). */
export async function scoreReturnFraud(store: Store, tenantId: string, returnId: string): Promise<FraudAssessment> {
  const assessment = assessFraud(await loadFraudContext(store, tenantId, returnId));
  await storeAssessments(store, tenantId, new Map([[returnId, assessment]]));
  return assessment;
}

/**
 * Scores many returns of a tenant at once: their contexts read set-based (loadFraudContexts) and stored as
 * scoreReturnFraud stores one return's.
 */
export async function scoreReturnsFraud(store: Store, tenantId: string, returnIds: string[]): Promise<Map<string, FraudAssessment>> {
  const contexts = await loadFraudContexts(store, tenantId, returnIds);
  const assessed = new Map([...contexts].map(([id, ctx]) => [id, assessFraud(ctx)] as const));
  await storeAssessments(store, tenantId, assessed);
  return assessed;
}

/**
 * Stores each assessment that changed (its score, or the signals and evidence behind it) on its return, with a
 * `return.fraud_scored` event, in one transaction.
 */
async function storeAssessments(store: Store, tenantId: string, assessed: Map<string, FraudAssessment>): Promise<void> {
  if (!assessed.size) return;
  await store.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('returns')
      .select(['id', 'fraud_score', 'fraud_signals'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...assessed.keys()])
      .execute();
    const asText = (signals: unknown) => JSON.stringify(typeof signals === 'string' ? JSON.parse(signals) : (signals ?? null));
    const was = new Map(current.map((r) => [r.id, { score: r.fraud_score, signals: asText(r.fraud_signals) }]));
    // The same score can rest on other evidence (a third linked account where two already gave full strength):
    // the stored evidence is what staff read, so it follows.
    const changed = [...assessed].filter(([id, a]) => was.get(id)?.score !== a.score || was.get(id)?.signals !== asText(a.signals));
    if (!changed.length) return;
    // One statement for the batch: the scores travel as one JSON parameter (see ReasonsService.storeReadings).
    const rows = JSON.stringify(changed.map(([id, a]) => ({ id, score: a.score, signals: JSON.stringify(a.signals) })));
    await sql`update returns r set fraud_score = v.score, fraud_signals = v.signals::json
      from (select unnest(json_transform(${rows}, '[{"id": "VARCHAR", "score": "DOUBLE", "signals": "VARCHAR"}]'), recursive := true)) v
      where r.tenant_id = ${tenantId} and r.id = v.id`.execute(trx);
    const at = new Date();
    await appendEvents(
      trx,
      changed.map(([id, a]) => ({ tenantId, entityType: 'return', entityId: id, type: 'return.fraud_scored', actor: 'fraud', occurredAt: at, payload: a })),
    );
  });
}

// Statuses in which a score can still change what happens to a return (a decision, an inspection, a refund).
const OPEN_STATUSES: readonly ReturnStatus[] = [ReturnStatus.Requested, ReturnStatus.Approved, ReturnStatus.InTransit, ReturnStatus.Received, ReturnStatus.Inspected];
// Returns scored per batch by a backfill.
const SCORE_BATCH = 1000;

/**
 * Scores every open return that has no score yet (history brought in by an import, which does not run the live
 * pipeline); of one tenant, or of every tenant, a batch at a time. Closed history is left unscored: nothing is
 * left to decide on it.
 */
export async function scoreUnscoredOpenReturns(store: Store, opts: { tenantId?: string } = {}): Promise<number> {
  const open = await store.query<{ tenant_id: string; id: string }>(
    `select tenant_id, id from returns where fraud_score is null and status in (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})
     ${opts.tenantId ? 'and tenant_id = $1' : ''} order by tenant_id, requested_at, id`,
    opts.tenantId ? [opts.tenantId] : [],
  );
  const byTenant = new Map<string, string[]>();
  for (const r of open) {
    if (!byTenant.has(r.tenant_id)) byTenant.set(r.tenant_id, []);
    byTenant.get(r.tenant_id)!.push(r.id);
  }
  for (const [tenantId, ids] of byTenant) {
    for (let i = 0; i < ids.length; i += SCORE_BATCH) await scoreReturnsFraud(store, tenantId, ids.slice(i, i + SCORE_BATCH));
  }
  return open.length;
}
