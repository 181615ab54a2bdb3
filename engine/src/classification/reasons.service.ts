import { sql } from 'kysely';
import type { Store } from '../db/connection';
import { appendEvent } from '../events/events.repository';
import { InvalidInputError, NotFoundError } from '../shared/errors';
import { reasonCodeFrom } from './taxonomy';
import { createReasonClassifier, type ClassifierOptions, type ReasonClassification, type ReasonClassifier } from './classifier';

/** A stored line to read the customer's words of. */
interface UnreadLine {
  tenant_id: string;
  return_id: string;
  sku: string;
  reason_text: string;
}

// Lines per classify-and-store round of a backfill: big enough for batch speed, small enough for one statement.
const BACKFILL_BATCH = 10_000;
// The JSON shape of a batch of readings, as DuckDB's json_transform reads it.
const READINGS_SHAPE = '[{"tenant_id": "VARCHAR", "return_id": "VARCHAR", "sku": "VARCHAR", "code": "VARCHAR", "confidence": "DOUBLE"}]';

/** Return reasons read from customers' own words: classifies texts and stores the reading on return lines. */
export class ReasonsService {
  private loading: Promise<ReasonClassifier> | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: ClassifierOptions = {},
    /** Told when a merchant's correction changes what the KPIs count (they fold it in soon). */
    private readonly kpis?: { refreshSoon(): void },
  ) {}

  /** The classifier, loaded once on first use (loading takes a moment; classifying is fast). */
  classifier(): Promise<ReasonClassifier> {
    this.loading ??= createReasonClassifier(this.options).catch((error) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  /** Classifies texts in order. */
  async classify(texts: string[]): Promise<ReasonClassification[]> {
    if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) throw new InvalidInputError('texts must be a list of strings');
    return (await this.classifier()).classify(texts);
  }

  /**
   * Reads the reason text of every line of a return and stores the classifier's reading beside any code the
   * customer or the store gave (which is kept as given). Running it again gives the same result.
   */
  async classifyReturn(tenantId: string, returnId: string): Promise<void> {
    const lines = await this.store.query<UnreadLine>(
      `with rl as materialized (select * from return_lines where return_id = $2)
       select tenant_id, return_id, sku, reason_text from rl where tenant_id = $1 and reason_text is not null`,
      [tenantId, returnId],
    );
    await this.storeReadings(lines);
  }

  /**
   * Classifies every stored line that has the customer's words but no reading yet (history brought in by an
   * import, which does not run the live pipeline), 10,000 at a time; of one tenant, or of every tenant.
   */
  async classifyUnread(opts: { tenantId?: string; onProgress?: (done: number) => void } = {}): Promise<{ lines: number; returns: number }> {
    const params = opts.tenantId ? [opts.tenantId] : [];
    let lines = 0;
    const returns = new Set<string>();
    for (;;) {
      // In key order, a batch at a time: an interrupted backfill resumes with the lines still unread.
      const batch = await this.store.query<UnreadLine>(
        `select tenant_id, return_id, sku, reason_text from return_lines
         where reason_text is not null and predicted_reason_code is null ${opts.tenantId ? 'and tenant_id = $1' : ''}
         order by tenant_id, return_id, sku limit ${BACKFILL_BATCH}`,
        params,
      );
      if (!batch.length) break;
      // A batch that stores nothing would come back unchanged next round: stop rather than loop.
      if ((await this.storeReadings(batch)) === 0) break;
      lines += batch.length;
      for (const l of batch) returns.add(`${l.tenant_id}|${l.return_id}`);
      opts.onProgress?.(lines);
      if (batch.length < BACKFILL_BATCH) break;
    }
    return { lines, returns: returns.size };
  }

  /**
   * Stores readings of lines in one statement (answering how many lines changed), and moves the `updated_at` of every return whose reading changed:
   * the KPI marts refresh returns by updated_at, and a reading stored after a refresh that already saw the return
   * (without its reason) would otherwise never reach them.
   */
  private async storeReadings(lines: UnreadLine[]): Promise<number> {
    if (!lines.length) return 0;
    const readings = await this.classify(lines.map((l) => l.reason_text));
    // The batch travels as one JSON parameter unnested into rows: a VALUES list of thousands of rows costs DuckDB
    // about four times as much to plan as the update itself.
    const rows = JSON.stringify(lines.map((l, i) => ({ tenant_id: l.tenant_id, return_id: l.return_id, sku: l.sku, code: readings[i].reason_code, confidence: readings[i].confidence })));
    return this.store.db.transaction().execute(async (trx) => {
      const changed = await sql<{ tenant_id: string; return_id: string }>`
        update return_lines rl set predicted_reason_code = v.code, predicted_confidence = v.confidence
        from (select unnest(json_transform(${rows}, ${READINGS_SHAPE}), recursive := true)) v
        where rl.tenant_id = v.tenant_id and rl.return_id = v.return_id and rl.sku = v.sku
          and (rl.predicted_reason_code is distinct from v.code or rl.predicted_confidence is distinct from v.confidence)
        returning rl.tenant_id, rl.return_id`.execute(trx);
      const keys = [...new Set(changed.rows.map((r) => JSON.stringify([r.tenant_id, r.return_id])))];
      if (!keys.length) return 0;
      await sql`update returns r set updated_at = now()
        from (select k[1] as tenant_id, k[2] as id from (select unnest(cast(${`[${keys.join(',')}]`} as json)::varchar[][]) as k)) k
        where r.tenant_id = k.tenant_id and r.id = k.id`.execute(trx);
      return changed.rows.length;
    });
  }

  /** Records a merchant's correction of a line's reason: what the KPIs count it under, and a label for retraining (a newer one replaces it). */
  async correct(tenantId: string, returnId: string, sku: string, code: string, actor: string): Promise<void> {
    const reason = reasonCodeFrom(code);
    if (!reason) throw new InvalidInputError(`'${code}' is not a return reason code`);
    const [line] = await this.store.query<{ reason_text: string | null }>(
      `with rl as materialized (select * from return_lines where return_id = $2) select reason_text from rl where tenant_id = $1 and sku = $3`,
      [tenantId, returnId, sku],
    );
    if (!line) throw new NotFoundError('return line', `${returnId}/${sku}`);
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('reason_corrections')
        .values({ tenant_id: tenantId, return_id: returnId, sku, reason_code: reason, corrected_by: actor, corrected_at: new Date() })
        .onConflict((oc) => oc.columns(['tenant_id', 'return_id', 'sku']).doUpdateSet({ reason_code: reason, corrected_by: actor, corrected_at: new Date() }))
        .execute();
      await appendEvent(trx, { tenantId, entityType: 'return', entityId: returnId, type: 'return.reason_corrected', actor, occurredAt: new Date(), payload: { sku, reason_code: reason } });
      // The correction is the reason the KPIs count the line under: the marts refresh returns by updated_at.
      await trx.updateTable('returns').set({ updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', returnId).execute();
    });
    this.kpis?.refreshSoon();
  }

  /** Every correction with the customer's words, for retraining. */
  corrections(): Promise<{ tenant_id: string; text: string; reason_code: string }[]> {
    return this.store.query(
      `select c.tenant_id, rl.reason_text as text, c.reason_code from reason_corrections c
       join return_lines rl on rl.tenant_id = c.tenant_id and rl.return_id = c.return_id and rl.sku = c.sku
       where rl.reason_text is not null`,
    );
  }
}
