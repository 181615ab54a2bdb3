import nodemailer, { type Transporter } from 'nodemailer';

/** Where customers' e-mails go: an SMTP transport and the sender address. */
export interface Mailer {
  transport: Transporter;
  from: string;
}

/**
 * The SMTP mailer configured by env: `SMTP_URL` (e.g. smtps://user:pass@smtp.example.com:465), or `SMTP_HOST` with
 * `SMTP_PORT` (default 587), `SMTP_USER`, `SMTP_PASS`, `SMTP_SECURE=true` for implicit TLS; `MAIL_FROM` is the
 * sender. Returns null when no SMTP server is configured (e-mails are then not sent).
 */
export function mailerFromEnv(env: Record<string, string | undefined> = process.env): Mailer | null {
  const from = env.MAIL_FROM ?? 'Rebound returns <returns@localhost>';
  if (env.SMTP_URL) return { transport: nodemailer.createTransport(env.SMTP_URL), from };
  if (!env.SMTP_HOST) return null;
  const port = Number(env.SMTP_PORT ?? 587);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`SMTP_PORT must be a port number, got '${env.SMTP_PORT}'`);
  return {
    transport: nodemailer.createTransport({
      host: env.SMTP_HOST,
      port,
      secure: env.SMTP_SECURE === 'true',
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } : undefined,
      ignoreTLS: env.SMTP_IGNORE_TLS === 'true',
    }),
    from,
  };
}
