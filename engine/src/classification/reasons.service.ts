import type { Store } from '../db/connection';
import { appendEvent } from '../events/events.repository';
import { InvalidInputError, NotFoundError } from '../shared/errors';
import { reasonCodeFrom } from './taxonomy';
import { createReasonClassifier, type ClassifierOptions, type ReasonClassification, type ReasonClassifier } from './classifier';

/** Return reasons read from customers' own words: classifies texts and stores the reading on return lines. */
export class ReasonsService {
  private loading: Promise<ReasonClassifier> | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: ClassifierOptions = {},
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
    const lines = await this.store.query<{ sku: string; reason_text: string }>(
      `with rl as materialized (select * from return_lines where return_id = $2)
       select sku, reason_text from rl where tenant_id = $1 and reason_text is not null`,
      [tenantId, returnId],
    );
    if (!lines.length) return;
    const readings = await this.classify(lines.map((l) => l.reason_text));
    await this.store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < lines.length; i++) {
        await trx
          .updateTable('return_lines')
          .set({ predicted_reason_code: readings[i].reason_code, predicted_confidence: readings[i].confidence })
          .where('tenant_id', '=', tenantId)
          .where('return_id', '=', returnId)
          .where('sku', '=', lines[i].sku)
          .execute();
      }
    });
  }

  /** Records a merchant's correction of a line's reason (kept for retraining; a newer one replaces it). */
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
        .insertInto('reason_corrections' as never)
        .values({ tenant_id: tenantId, return_id: returnId, sku, reason_code: reason, corrected_by: actor, corrected_at: new Date() } as never)
        .onConflict((oc) => oc.columns(['tenant_id', 'return_id', 'sku'] as never).doUpdateSet({ reason_code: reason, corrected_by: actor, corrected_at: new Date() } as never))
        .execute();
      await appendEvent(trx, { tenantId, entityType: 'return', entityId: returnId, type: 'return.reason_corrected', actor, occurredAt: new Date(), payload: { sku, reason_code: reason } });
    });
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
