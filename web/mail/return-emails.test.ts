import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { engineInTempDir, seedTenantWithOrder } from '@rebound/engine/testing';
import type { Engine } from '@rebound/engine';
import { mailerFromEnv } from './mailer';
import { registerReturnEmails, signReturnLink } from './return-emails';

interface Arrived { from: string; to: string[]; raw: string }

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;
let server: SMTPServer;
let port: number;
const inbox: Arrived[] = [];
const who = { actor: 'merchant@test', source: 'test' };
const SECRET = 'test-secret-for-links';

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
  ({ engine, cleanup } = await engineInTempDir('rebound-mail-'));
  tenantId = (await seedTenantWithOrder(engine)).tenant.id;
  const mailer = mailerFromEnv({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), MAIL_FROM: 'Acme returns <returns@acme.test>' });
  registerReturnEmails(engine, { mailer: mailer!, secret: SECRET, baseUrl: 'https://returns.acme.test/' });
});

afterAll(async () => {
  await cleanup();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  inbox.length = 0;
});

/** A quoted-printable or base64 body decoded enough to search in. */
function plain(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

async function newReturn(sku = 'HOOD-M') {
  const r = await engine.returns.requestReturn(tenantId, { order_id: 'A-1001', lines: [{ sku, quantity: 1, reason_text: 'too big' }], resolution: 'refund' }, who);
  await engine.jobs.drain();
  return r.return_id;
}

describe('return e-mails', () => {
  it('sends the approval with the label PDF attached and the signed status link, as text and HTML', async () => {
    const id = await newReturn();
    expect(inbox).toHaveLength(0); // requesting sends nothing
    await engine.returns.transition(tenantId, id, 'approve', {}, who);
    await engine.jobs.drain();
    expect(inbox).toHaveLength(1);
    const mail = inbox[0];
    expect(mail.to).toEqual(['kim@example.com']);
    expect(mail.from).toBe('returns@acme.test');
    const body = plain(mail.raw);
    expect(body).toMatch(new RegExp(`Subject: Your return ${id} is approved`));
    expect(body).toContain('text/plain');
    expect(body).toContain('text/html');
    expect(body).toContain(`https://returns.acme.test/portal/${tenantId}/returns/${id}?sig=${signReturnLink(SECRET, tenantId, id)}`);
    expect(body).toContain('application/pdf');
    expect(body).toContain(`filename=${id}-label.pdf`);
    const pdfPart = mail.raw.split('application/pdf')[1].split(/\r?\n\r?\n/)[1].replace(/\s+/g, '');
    expect(Buffer.from(pdfPart, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('sends received and then the refund with its amount; the engine pipeline still runs', async () => {
    const id = await newReturn('CAP');
    await engine.returns.transition(tenantId, id, 'approve', {}, who);
    await engine.returns.transition(tenantId, id, 'receive', {}, who);
    await engine.returns.transition(tenantId, id, 'inspect', { lines: [{ sku: 'CAP', condition: 'good', disposition: 'restock' }] }, who);
    await engine.returns.transition(tenantId, id, 'resolve', { resolution: 'refund' }, who);
    await engine.jobs.drain();
    const subjects = inbox.map((m) => /Subject: (.*)/.exec(m.raw)?.[1]);
    expect(subjects).toEqual([`Your return ${id} is approved: your label is attached`, `We have received your return ${id}`, `Your return ${id} is settled`]);
    expect(plain(inbox[2].raw)).toMatch(/refund of 15\.00 EUR/);
    const timeline = (await engine.returns.getReturn(tenantId, id, { timeline: true })).timeline!.map((e) => e.type);
    expect(timeline).toContain('return.fraud_scored'); // receive/inspect pipeline steps were kept
  });

  it('sends one e-mail per step when the step\'s job runs again after queuing it (a retried job)', async () => {
    await engine.orders.createOrder(tenantId, {
      order_id: 'M-1', ordered_at: new Date(Date.now() - 86_400_000).toISOString(), customer: { id: 'C-M1', email: 'sam@example.com' },
      lines: [{ sku: 'MUG', category: 'home', quantity: 1, unit_price: 9 }],
    });
    const { return_id: id } = await engine.returns.requestReturn(tenantId, { order_id: 'M-1', lines: [{ sku: 'MUG', quantity: 1, reason_text: 'chipped' }] }, who);
    await engine.returns.transition(tenantId, id, 'approve', {}, who);
    await engine.jobs.drain();
    const [{ version }] = await engine.store.query<{ version: number }>('select version from returns where tenant_id = $1 and id = $2', [tenantId, id]);
    await engine.jobs.enqueue('return.approve', { tenant_id: tenantId, return_id: id, version });
    await engine.jobs.drain();
    expect(inbox.map((m) => /Subject: (.*)/.exec(m.raw)?.[1])).toEqual([`Your return ${id} is approved: your label is attached`]);
    // A later step of the same return is a new e-mail.
    await engine.returns.transition(tenantId, id, 'receive', {}, who);
    await engine.jobs.drain();
    expect(inbox).toHaveLength(2);
  });

  it('sends the decline with the reason the merchant gave, HTML-escaped', async () => {
    const id = await newReturn('SPKR');
    await engine.returns.transition(tenantId, id, 'decline', { reason: 'Worn <b>and</b> washed' }, who);
    await engine.jobs.drain();
    expect(inbox).toHaveLength(1);
    const body = plain(inbox[0].raw);
    expect(body).toContain('Why: Worn <b>and</b> washed');
    expect(body).toContain('Worn &lt;b&gt;and&lt;/b&gt; washed');
  });

  it('tells the customer a return was canceled, with the reason when one was given', async () => {
    await engine.orders.createOrder(tenantId, { order_id: 'A-2002', ordered_at: new Date().toISOString(), customer: { id: 'C-1' }, lines: [{ sku: 'SCARF', category: 'apparel', quantity: 1, unit_price: 30 }] });
    const { return_id: id } = await engine.returns.requestReturn(tenantId, { order_id: 'A-2002', lines: [{ sku: 'SCARF', quantity: 1 }] }, who);
    await engine.jobs.drain();
    await engine.returns.transition(tenantId, id, 'cancel', { reason: 'ordered the wrong size, kept it after all' }, who);
    await engine.jobs.drain();
    expect(inbox).toHaveLength(1);
    expect(inbox[0].to).toEqual(['kim@example.com']);
    const body = plain(inbox[0].raw);
    expect(body).toContain(`Subject: Your return ${id} was canceled`);
    expect(body).toContain('Why: ordered the wrong size, kept it after all');
    expect(body).toContain('nothing needs to be sent back');
  });

  it('never breaks the request when the SMTP server is down: the mail job is dead-lettered', async () => {
    const { engine: e2, cleanup: c2 } = await engineInTempDir('rebound-mail-down-');
    try {
      const t = (await seedTenantWithOrder(e2)).tenant.id;
      const mailer = mailerFromEnv({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '1' })!;
      registerReturnEmails(e2, { mailer, secret: SECRET, baseUrl: 'http://localhost' });
      const r = await e2.returns.requestReturn(t, { order_id: 'A-1001', lines: [{ sku: 'CAP', quantity: 1 }] }, who);
      const approved = await e2.returns.transition(t, r.return_id, 'approve', {}, who);
      expect(approved.status).toBe('approved');
      await e2.jobs.drain();
      const dead = await e2.jobs.deadLetters();
      expect(dead.map((d) => d.name)).toEqual(['mail.return.approve']);
      expect(dead[0].error).toMatch(/ECONNREFUSED|connect/i);
      expect((await e2.returns.getReturn(t, r.return_id)).status).toBe('approved');
    } finally {
      await c2();
    }
  }, 20_000);
});

describe('mailer configuration', () => {
  it('is off without SMTP settings', () => {
    expect(mailerFromEnv({})).toBeNull();
  });
  it('refuses a port that is not a number, naming it', () => {
    expect(() => mailerFromEnv({ SMTP_HOST: 'smtp.example.com', SMTP_PORT: 'twenty-five' })).toThrow(/SMTP_PORT must be a port number, got 'twenty-five'/);
  });
  it('takes SMTP_URL as it is', () => {
    const m = mailerFromEnv({ SMTP_URL: 'smtp://u:p@127.0.0.1:2525', MAIL_FROM: 'x@y.test' })!;
    expect(m.from).toBe('x@y.test');
    expect((m.transport.options as { port?: number }).port).toBe(2525);
  });
});
