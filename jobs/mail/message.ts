// One email as the workers hand it to a transport.
export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType?: string;
}

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  /** Fixed per outbox row, angle brackets included, so a resend carries the same Message-ID. */
  messageId: string;
  attachments?: MailAttachment[];
  /** The notification kind, kept by the dev outbox for its list; not sent as a header. */
  kind?: string;
}

export interface SendResult {
  accepted: boolean;
  /** The server's last reply, or where the dev outbox stored the message. */
  response: string;
}
