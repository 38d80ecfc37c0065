// The dev outbox: with no SMTP_URL every message is kept under <dataDir>/mail as a raw .eml
// (what an SMTP server would have received) plus a JSON sidecar that the /dev/mail pages read.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MailMessage, SendResult } from './message.ts';

export interface StoredMailSummary {
  id: string;
  storedAt: string;
  messageId: string;
  from: string;
  to: string;
  subject: string;
  kind: string | null;
  /** The plain-text part, so tests and developers can pick links out of it. */
  text: string;
  /** http(s) links found in the text part, in order. */
  links: string[];
  attachments: { filename: string; contentType: string; size: number }[];
}

export interface StoredMail extends StoredMailSummary {
  html: string;
  headers: Record<string, string>;
}

/** Ids sort by time; the pattern also keeps ids from naming files outside the folder. */
const ID_PATTERN = /^[0-9]{13}-[0-9a-f]{8}$/;

export function isDevMailId(id: string): boolean {
  return ID_PATTERN.test(id);
}

function extractLinks(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((match) => match[0]);
}

export class DevOutbox {
  readonly directory: string;
  private readonly composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(directory: string) {
    this.directory = directory;
  }

  async store(message: MailMessage): Promise<SendResult> {
    await fs.mkdir(this.directory, { recursive: true });
    const id = `${Date.now()}-${crypto.randomBytes(4).toString('hex')}`;
    const info = await this.composer.sendMail({
      from: message.from,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers,
      messageId: message.messageId,
      attachments: message.attachments,
    });
    const raw = info.message as Buffer;
    const stored: StoredMail = {
      id,
      storedAt: new Date().toISOString(),
      messageId: message.messageId,
      from: message.from,
      to: message.to,
      subject: message.subject,
      kind: message.kind ?? null,
      text: message.text,
      links: extractLinks(message.text),
      attachments: (message.attachments ?? []).map((attachment) => ({
        filename: attachment.filename,
        contentType: attachment.contentType ?? 'application/octet-stream',
        size: Buffer.byteLength(attachment.content),
      })),
      html: message.html,
      headers: message.headers ?? {},
    };
    // The .eml first and the sidecar last (via rename): a listed message always has its .eml.
    await fs.writeFile(path.join(this.directory, `${id}.eml`), raw);
    const sidecar = path.join(this.directory, `${id}.json`);
    await fs.writeFile(`${sidecar}.tmp`, JSON.stringify(stored));
    await fs.rename(`${sidecar}.tmp`, sidecar);
    return { accepted: true, response: `stored in the dev outbox as ${id}` };
  }

  /** Every stored message, newest first. */
  async list(): Promise<StoredMailSummary[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const ids = names
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter(isDevMailId)
      .sort()
      .reverse();
    const messages = await Promise.all(ids.map((id) => this.get(id)));
    return messages
      .filter((message): message is StoredMail => message !== undefined)
      .map(({ html: _html, headers: _headers, ...summary }) => summary);
  }

  async get(id: string): Promise<StoredMail | undefined> {
    if (!isDevMailId(id)) return undefined;
    try {
      return JSON.parse(await fs.readFile(path.join(this.directory, `${id}.json`), 'utf8')) as StoredMail;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** The raw message as an SMTP server would have received it. */
  async raw(id: string): Promise<Buffer | undefined> {
    if (!isDevMailId(id)) return undefined;
    try {
      return await fs.readFile(path.join(this.directory, `${id}.eml`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Fails unless the folder exists (or can be made) and takes a write. */
  async verify(): Promise<void> {
    await fs.mkdir(this.directory, { recursive: true });
    const probe = path.join(this.directory, `.probe-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    await fs.writeFile(probe, '');
    await fs.rm(probe, { force: true });
  }
}
