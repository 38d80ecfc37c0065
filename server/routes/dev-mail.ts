// The dev outbox on the web (only registered when there is no SMTP_URL): every message the app
// "sent", newest first, each shown with its headers, its HTML in a sandboxed frame, its text
// part and its attachments. Plain server-rendered HTML; every value is escaped.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { html, trustedHtml, type SafeHtml } from '../../jobs/mail/html.ts';
import type { DevOutbox, StoredMail, StoredMailSummary } from '../../jobs/mail/dev-outbox.ts';

export interface DevMailOptions {
  outbox: DevOutbox;
}

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
// The message's own HTML: no scripts, no requests except images, links open in a new tab.
const MESSAGE_CSP =
  "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'; font-src * data:; frame-ancestors 'self'";

const hongKongTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Hong_Kong',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

function formatDate(iso: string): string {
  return `${hongKongTime.format(new Date(iso))} HKT`;
}

// Unknown or malformed ids get the 404 page (the outbox refuses ids outside its pattern).
const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });

const Summary = Type.Object({
  id: Type.String(),
  storedAt: Type.String(),
  messageId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  kind: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
  links: Type.Array(Type.String()),
  attachments: Type.Array(Type.Object({ filename: Type.String(), contentType: Type.String(), size: Type.Integer() })),
});

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK TC', sans-serif; color: #1f2937; background: #f3f4f6; }
  header { background: #0f766e; color: #fff; padding: 12px 16px; }
  header a { color: #fff; text-decoration: none; font-weight: 700; }
  main { max-width: 960px; margin: 0 auto; padding: 16px; }
  h1 { font-size: 1.3rem; margin: 0 0 12px; overflow-wrap: anywhere; }
  h2 { font-size: 1.05rem; margin: 24px 0 8px; }
  ul.mail { list-style: none; margin: 0; padding: 0; }
  ul.mail li { background: #fff; border-radius: 8px; margin: 0 0 8px; padding: 12px 14px; }
  ul.mail a.subject { font-weight: 600; color: #0f766e; overflow-wrap: anywhere; }
  .meta { color: #4b5563; font-size: 0.9rem; overflow-wrap: anywhere; }
  .kind { display: inline-block; background: #ccfbf1; color: #134e4a; border-radius: 4px; padding: 0 6px; font-size: 0.8rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; background: #fff; border-radius: 8px; padding: 12px 14px; margin: 0; }
  dt { font-weight: 600; color: #4b5563; }
  dd { margin: 0; overflow-wrap: anywhere; }
  iframe { width: 100%; height: 70vh; border: 1px solid #d1d5db; border-radius: 8px; background: #fff; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border-radius: 8px; padding: 12px 14px; margin: 0; font-size: 0.9rem; }
  .actions a { margin-right: 16px; }
  @media (max-width: 480px) { dl { grid-template-columns: 1fr; } dt { margin-top: 6px; } }
`;

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Kaifong dev mail</title>
<style>${trustedHtml(STYLE)}</style>
</head>
<body>
<header><a href="/dev/mail">街坊 Kaifong · dev mail</a></header>
<main>
${body}
</main>
</body>
</html>
`.value;
}

function sendPage(reply: FastifyReply, status: number, markup: string): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(markup);
}

function notFoundPage(reply: FastifyReply): FastifyReply {
  return sendPage(
    reply,
    404,
    page('Not found', html`<h1>No such message</h1><p>It may have been deleted from the dev outbox. <a href="/dev/mail">All mail</a></p>`),
  );
}

/** Escapes the text part and turns its http(s) links into anchors. */
function linkify(text: string): SafeHtml {
  const parts: SafeHtml[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)) {
    parts.push(html`${text.slice(last, match.index)}<a href="${match[0]}" target="_blank" rel="noopener noreferrer">${match[0]}</a>`);
    last = match.index + match[0].length;
  }
  parts.push(html`${text.slice(last)}`);
  return html`${parts}`;
}

function listPage(messages: StoredMailSummary[]): string {
  const items = messages.map(
    (message) => html`<li>
<a class="subject" href="/dev/mail/${message.id}">${message.subject || '(no subject)'}</a>
<div class="meta">to ${message.to} · <time datetime="${message.storedAt}">${formatDate(message.storedAt)}</time>${
      message.kind ? html` · <span class="kind">${message.kind}</span>` : ''
    }${message.attachments.length > 0 ? html` · ${message.attachments.length} attachment(s)` : ''}</div>
</li>`,
  );
  return page(
    'All mail',
    html`<h1>Dev outbox: ${messages.length} message${messages.length === 1 ? '' : 's'}</h1>
<p class="meta">No SMTP_URL is set, so Kaifong keeps every email here instead of sending it. <a href="/dev/mail">Refresh</a> · <a href="/dev/mail.json">JSON</a></p>
${messages.length === 0 ? html`<p>No mail yet.</p>` : html`<ul class="mail">${items}</ul>`}`,
  );
}

function messagePage(message: StoredMail): string {
  const headers = Object.entries(message.headers);
  return page(
    message.subject || '(no subject)',
    html`<p><a href="/dev/mail">← All mail</a></p>
<h1>${message.subject || '(no subject)'}</h1>
<dl>
<dt>Date</dt><dd><time datetime="${message.storedAt}">${formatDate(message.storedAt)}</time></dd>
<dt>From</dt><dd>${message.from}</dd>
<dt>To</dt><dd>${message.to}</dd>
<dt>Kind</dt><dd>${message.kind ?? '—'}</dd>
<dt>Message-ID</dt><dd>${message.messageId}</dd>
${headers.map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}
</dl>
<p class="actions"><a href="/dev/mail/${message.id}/message.eml">Download .eml</a><a href="/dev/mail/${message.id}/html" target="_blank" rel="noopener">Open HTML alone</a></p>
${
  message.links.length > 0
    ? html`<h2>Links</h2><ul>${message.links.map((link) => html`<li><a href="${link}" target="_blank" rel="noopener noreferrer">${link}</a></li>`)}</ul>`
    : ''
}
<h2>HTML</h2>
<iframe src="/dev/mail/${message.id}/html" sandbox="allow-popups allow-popups-to-escape-sandbox" title="HTML part of the message" loading="lazy"></iframe>
<h2>Text</h2>
<pre>${linkify(message.text)}</pre>
<h2>Attachments</h2>
${
  message.attachments.length === 0
    ? html`<p class="meta">None.</p>`
    : html`<ul>${message.attachments.map(
        (attachment) => html`<li>${attachment.filename} <span class="meta">(${attachment.contentType}, ${attachment.size} bytes)</span></li>`,
      )}</ul>`
}`,
  );
}

/** Links inside the framed message open in a new tab rather than inside the frame. */
function withBaseTarget(markup: string): string {
  const base = '<base target="_blank">';
  const head = /<head(\s[^>]*)?>/i.exec(markup);
  if (head) return markup.slice(0, head.index + head[0].length) + base + markup.slice(head.index + head[0].length);
  return base + markup;
}

export const devMailRoutes: FastifyPluginAsyncTypebox<DevMailOptions> = async (app, { outbox }) => {
  const hide = { hide: true } as Record<string, unknown>;

  app.get(
    '/dev/mail.json',
    {
      schema: {
        ...hide,
        querystring: Type.Object({ to: Type.Optional(Type.String({ maxLength: 320 })) }),
        response: { 200: Type.Object({ messages: Type.Array(Summary) }) },
      },
    },
    async (request) => {
      const to = request.query.to?.trim().toLowerCase();
      const messages = await outbox.list();
      return { messages: to ? messages.filter((message) => message.to.toLowerCase().includes(to)) : messages };
    },
  );

  app.get('/dev/mail', { schema: hide }, async (_request, reply) => sendPage(reply, 200, listPage(await outbox.list())));

  app.get('/dev/mail/:id', { schema: { ...hide, params: Params } }, async (request, reply) => {
    const message = await outbox.get(request.params.id);
    return message ? sendPage(reply, 200, messagePage(message)) : notFoundPage(reply);
  });

  app.get('/dev/mail/:id/html', { schema: { ...hide, params: Params } }, async (request, reply) => {
    const message = await outbox.get(request.params.id);
    if (!message) return notFoundPage(reply);
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', MESSAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .send(withBaseTarget(message.html));
  });

  app.get('/dev/mail/:id/message.eml', { schema: { ...hide, params: Params } }, async (request, reply) => {
    const raw = await outbox.raw(request.params.id);
    if (!raw) return notFoundPage(reply);
    return reply
      .header('content-type', 'message/rfc822')
      .header('content-disposition', `attachment; filename="${request.params.id}.eml"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(raw);
  });
};

export default devMailRoutes;
