import type { Engine } from '@rebound/engine';
import { REASON_CODES, REASONS, type ReasonCode } from '@rebound/engine/taxonomy';

/** Units returned per reason and per fault bucket (merchant, carrier, customer) over the window. */
export async function reasonMix(engine: Engine, tenantId: string, from: Date, to: Date) {
  const byReason = await engine.kpis.breakdown(tenantId, 'units_returned', 'reason_code', { from: from.toISOString(), to: to.toISOString() });
  const buckets = new Map<string, number>();
  for (const r of byReason) {
    const bucket = r.value && r.value in REASONS ? REASONS[r.value as ReasonCode].faultBucket : 'unknown';
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + (r.kpi ?? 0));
  }
  return { byReason, byFault: [...buckets].map(([value, kpi]) => ({ value, kpi })).sort((a, b) => b.kpi - a.kpi) };
}

/** The customers' own words behind a reason (as the KPIs count it: corrected, else given, else read by the model), newest first. */
export function customersWords(engine: Engine, tenantId: string, reason: string, from: Date, to: Date) {
  return engine.store.query<{ return_id: string; sku: string; reason_text: string; reason_code: string | null; predicted_reason_code: string | null; predicted_confidence: number | null; corrected_reason_code: string | null }>(
    `select l.return_id, l.sku, l.reason_text, l.reason_code, l.predicted_reason_code, l.predicted_confidence::double as predicted_confidence,
            c.reason_code as corrected_reason_code
     from return_lines l join returns r on r.tenant_id = l.tenant_id and r.id = l.return_id
     left join reason_corrections c on c.tenant_id = l.tenant_id and c.return_id = l.return_id and c.sku = l.sku
     where l.tenant_id = $1 and coalesce(c.reason_code, l.reason_code, l.predicted_reason_code) = $2 and l.reason_text is not null
       and r.requested_at >= $3 and r.requested_at < $4
     order by r.requested_at desc limit 50`,
    [tenantId, reason, from.toISOString(), to.toISOString()],
  );
}

/** Corrects the reason of a returned line (a label for retraining the classifier). */
export function relabel(engine: Engine, tenantId: string, returnId: string, sku: string, code: string, actor: string) {
  return engine.reasons.correct(tenantId, returnId, sku, code, actor);
}

/** Every reason code with its definition, for pickers. */
export const REASON_CHOICES = REASON_CODES.map((code) => ({ code, definition: REASONS[code].definition }));
