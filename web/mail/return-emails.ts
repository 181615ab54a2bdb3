import { createHmac } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-ignore -- @types/nunjucks belongs to the engine; the little used here is typed just below.
import nunjucksUntyped from 'nunjucks';
import { PIPELINE, type Engine, type Return } from '@rebound/engine';
import { returnLabelPdf } from '../labels/return-label';
import { mailerFromEnv, type Mailer } from './mailer';

interface TemplateEnvironment {
  render(name: string, context: object): string;
}
const nunjucks = nunjucksUntyped as {
  Environment: new (loader: unknown, opts: { autoescape: boolean; throwOnUndefined: boolean }) => TemplateEnvironment;
  FileSystemLoader: new (path: string) => unknown;
};

const TEMPLATES = join(dirname(fileURLToPath(import.meta.url)), 'templates');
// HTML bodies escape what customers and merchants wrote; plain-text bodies must show it as written.
const htmlTemplates = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES), { autoescape: true, throwOnUndefined: true });
const textTemplates = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES), { autoescape: false, throwOnUndefined: true });

/** The lifecycle actions a customer hears about, with the template and subject of each. */
export const RETURN_EMAILS = {
  'return.approve': { template: 'approved', subject: (r: Return) => `Your return ${r.return_id} is approved: your label is attached` },
  'return.receive': { template: 'received', subject: (r: Return) => `We have received your return ${r.return_id}` },
  'return.resolve': { template: 'resolved', subject: (r: Return) => `Your return ${r.return_id} is settled` },
  'return.decline': { template: 'declined', subject: (r: Return) => `Your return ${r.return_id} was declined` },
  'return.cancel': { template: 'canceled', subject: (r: Return) => `Your return ${r.return_id} was canceled` },
} as const;

type Stage = keyof typeof RETURN_EMAILS;

/** Settings of the return e-mails. */
export interface ReturnEmailOptions {
  mailer: Mailer;
  /** The secret signing customers' links (the data directory's web-secret). */
  secret: string;
  /** Public address of the portal, e.g. https://returns.example.com (env PUBLIC_URL). */
  baseUrl: string;
}

/** The signature of a customer's status-page and label link (same scheme as the portal's). */
export function signReturnLink(secret: string, tenantId: string, returnId: string): string {
  return createHmac('sha256', secret).update(`return:${tenantId}:${returnId}`).digest('base64url').slice(0, 22);
}

const RESOLUTION_SENTENCE: Record<string, (amount: string) => string> = {
  refund: (a) => `Your refund${a} is on its way to your original payment method.`,
  exchange: () => 'Your exchange is on its way: we will send the replacement shortly.',
  store_credit: (a) => `Your store credit${a} is ready to use.`,
  keep_it: (a) => `You can keep the item: your refund${a} is on its way.`,
};

/** Renders one stage's e-mail (subject, text, HTML) for a return; exported for previews and tests. */
export function renderReturnEmail(
  stage: Stage,
  ret: Return,
  ctx: { store: string; currency: string; statusUrl: string; labelUrl: string; refunded: number | null; cancelReason?: string | null },
) {
  const amount = ctx.refunded != null ? ` of ${ctx.refunded.toFixed(2)} ${ctx.currency}` : '';
  const vars = {
    subject: RETURN_EMAILS[stage].subject(ret),
    return_id: ret.return_id,
    order_id: ret.order_id,
    store: ctx.store,
    lines: ret.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    status_url: ctx.statusUrl,
    label_url: ctx.labelUrl,
    reason: ret.decline_reason ?? 'no reason was given',
    cancel_reason: ctx.cancelReason ?? null,
    resolution_sentence: (RESOLUTION_SENTENCE[ret.resolution ?? 'refund'] ?? RESOLUTION_SENTENCE.refund)(amount),
  };
  const { template } = RETURN_EMAILS[stage];
  return { subject: vars.subject, text: textTemplates.render(`${template}.txt.njk`, vars), html: htmlTemplates.render(`${template}.html.njk`, vars) };
}

/** Sends the e-mail of one stage to the customer of the return; does nothing when the customer has no e-mail. */
export async function sendReturnEmail(engine: Engine, stage: Stage, payload: Record<string, unknown>, opts: ReturnEmailOptions): Promise<void> {
  const tenantId = String(payload.tenant_id);
  const returnId = String(payload.return_id);
  const ret = await engine.returns.getReturn(tenantId, returnId, { timeline: stage === 'return.cancel' });
  const [customer] = await engine.store.query<{ email: string | null }>('select email from customers where tenant_id = $1 and id = $2', [tenantId, ret.customer_id]);
  const to = customer?.email;
  if (!to) return; // nobody to tell: the customer gave no e-mail
  const tenant = await engine.tenants.getTenant(tenantId);
  const sig = signReturnLink(opts.secret, tenantId, returnId);
  const base = opts.baseUrl.replace(/\/$/, '');
  const statusUrl = `${base}/portal/${encodeURIComponent(tenantId)}/returns/${encodeURIComponent(returnId)}?sig=${sig}`;
  const labelUrl = `${base}/labels/${encodeURIComponent(tenantId)}/${encodeURIComponent(returnId)}.pdf?sig=${sig}`;
  const refunds = await engine.store.query<{ total: number | null }>(
    'select sum(amount)::double as total from refunds where tenant_id = $1 and return_id = $2',
    [tenantId, returnId],
  );
  // A cancellation's reason is on its event (the return keeps only the decline reason as a column).
  const canceled = ret.timeline?.filter((e) => e.type === 'return.canceled').at(-1);
  const cancelReason = canceled ? (canceled.reason ?? (canceled.payload as { reason?: string } | null)?.reason ?? null) : null;
  const mail = renderReturnEmail(stage, ret, { store: tenant.name, currency: tenant.currency, statusUrl, labelUrl, refunded: refunds[0]?.total ?? null, cancelReason });
  const attachments =
    stage === 'return.approve'
      ? [{ filename: `${returnId}-label.pdf`, contentType: 'application/pdf', content: await returnLabelPdf({ returnId, orderId: ret.order_id, store: tenant.name, lines: ret.lines.map((l) => `${l.quantity} x ${l.sku}`), statusUrl }) }]
      : [];
  await opts.mailer.transport.sendMail({ from: opts.mailer.from, to, subject: mail.subject, text: mail.text, html: mail.html, attachments });
}

/**
 * Registers the customer e-mails on the engine's job queue (called once at server start). Each lifecycle job keeps
 * running the engine's own pipeline steps, then queues a separate `mail.<action>` job, so a failing SMTP server is
 * retried (and dead-lettered) on its own and never blocks or breaks the request or the pipeline.
 */
export function registerReturnEmails(engine: Engine, opts: ReturnEmailOptions): void {
  for (const stage of Object.keys(RETURN_EMAILS) as Stage[]) {
    const steps = PIPELINE[stage] ?? [];
    engine.jobs.handle(stage, async (payload) => {
      for (const step of steps) await step(engine, payload);
      // One e-mail per step of the return: a stage job retried after queuing it (a worker killed, a step failing
      // after it) queues the same job id again, which the queue takes once.
      const step = payload.version === undefined ? undefined : `mail.${stage}/${String(payload.tenant_id)}/${String(payload.return_id)}/v${String(payload.version)}`;
      await engine.jobs.enqueue(`mail.${stage}`, payload, step ? { jobId: step } : {});
    });
    engine.jobs.handle(`mail.${stage}`, (payload) => sendReturnEmail(engine, stage, payload, opts));
  }
}

/** At server start: registers the e-mails when SMTP is configured by env (see README), else says they are off. */
export function registerReturnEmailsFromEnv(engine: Engine, secret: string, log: (msg: string) => void, env: Record<string, string | undefined> = process.env): boolean {
  const mailer = mailerFromEnv(env);
  if (!mailer) {
    log('customer e-mails are off: set SMTP_URL or SMTP_HOST to send them');
    return false;
  }
  const baseUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`;
  registerReturnEmails(engine, { mailer, secret, baseUrl });
  return true;
}
