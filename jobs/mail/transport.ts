// Where mail goes: a pooled SMTP connection (SMTP_URL) or, without one, the dev outbox.
// isPermanentMailError decides retry vs give up: 5xx and rejected recipients are final;
// 4xx (421, 451, …), refused connections and timeouts are worth another try.
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../../server/config.ts';
import type { Logger } from '../../server/logger.ts';
import { DevOutbox } from './dev-outbox.ts';
import type { MailMessage, SendResult } from './message.ts';

export type { MailAttachment, MailMessage, SendResult } from './message.ts';
export { DevOutbox } from './dev-outbox.ts';

export interface MailTransport {
  kind: 'smtp' | 'dev-outbox';
  /** The dev outbox, for the /dev/mail pages; null when mail goes to SMTP. */
  devOutbox: DevOutbox | null;
  send(message: MailMessage): Promise<SendResult>;
  /** For /api/health: the SMTP server answers (and accepts our credentials), or the outbox folder is writable. */
  verify(): Promise<void>;
  close(): Promise<void>;
}

/** A failure we know retrying cannot fix (e.g. the server accepted no recipient). */
export class PermanentMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentMailError';
  }
}

interface MailErrorFields {
  code?: unknown;
  responseCode?: unknown;
  permanent?: unknown;
}

/** Nodemailer codes that describe the message or configuration, not the moment. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMAXRECIPIENTS', 'ECONFIG', 'EFILEACCESS', 'EURLACCESS']);

export function isPermanentMailError(error: unknown): boolean {
  if (error instanceof PermanentMailError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, responseCode, permanent } = error as MailErrorFields;
  if (typeof permanent === 'boolean') return permanent;
  // RFC 5321: 5yz is a permanent negative reply, except 503 (bad sequence: a new session helps).
  if (typeof responseCode === 'number') return responseCode >= 500 && responseCode < 600 && responseCode !== 503;
  return typeof code === 'string' && PERMANENT_CODES.has(code);
}

/** A one-line reason for the outbox row: the SMTP reply when there is one. */
export function describeMailError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { response, responseCode, code, message } = error as { response?: unknown; responseCode?: unknown; code?: unknown; message?: unknown };
  const reason =
    typeof response === 'string' && response !== ''
      ? response
      : typeof message === 'string'
        ? message
        : String(error);
  const prefix = typeof responseCode === 'number' ? '' : typeof code === 'string' ? `${code}: ` : '';
  return `${prefix}${reason}`.replace(/\s+/g, ' ').trim().slice(0, 1000);
}

export function createMailTransport(config: Pick<Config, 'smtpUrl' | 'dataDir'>, logger: Logger): MailTransport {
  if (config.smtpUrl === undefined) {
    const outbox = new DevOutbox(path.join(config.dataDir, 'mail'));
    logger.info({ directory: outbox.directory }, 'no SMTP_URL: mail is kept in the dev outbox, shown at /dev/mail');
    return {
      kind: 'dev-outbox',
      devOutbox: outbox,
      send: (message) => outbox.store(message),
      verify: () => outbox.verify(),
      close: async () => {},
    };
  }

  const transporter = nodemailer.createTransport({
    pool: true,
    url: config.smtpUrl,
    maxConnections: 5,
    // Fail a stuck send well inside the job lock so BullMQ retries it, rather than stalling.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: 'smtp',
    devOutbox: null,
    async send(message) {
      const info = await transporter.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        headers: message.headers,
        messageId: message.messageId,
        attachments: message.attachments,
      });
      const accepted = info.accepted.length > 0;
      if (!accepted) throw new PermanentMailError(`The server accepted no recipient: ${info.response}`);
      return { accepted, response: info.response };
    },
    async verify() {
      await transporter.verify();
    },
    async close() {
      transporter.close();
    },
  };
}
