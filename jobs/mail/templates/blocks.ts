// Building blocks for the notification emails: each block is written once and comes out as
// both HTML (escaped by `html`) and plain text, so the two parts of an email never disagree.
import { html, type SafeHtml } from '../html.ts';
import type { UiLocale } from '../../../server/reference/data.ts';
import { button, frameFor, paragraph, renderHtmlFrame, renderTextFrame, smallPrint } from './layout.ts';
import type { RenderedEmail } from './template.ts';

export interface Block {
  html: SafeHtml;
  text: string;
}

export function para(text: string): Block {
  return { html: paragraph(text), text };
}

export function note(text: string): Block {
  return { html: smallPrint(text), text };
}

function lines(text: string): SafeHtml[] {
  return text.split(/\r?\n/).map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`));
}

/** Someone's own words (a message, a reason), set apart from ours; line breaks kept. */
export function quote(heading: string, text: string): Block[] {
  return [
    para(heading),
    {
      html: html`<div style="margin:0 0 16px;padding:4px 0 4px 14px;border-left:4px solid #99f6e4">${paragraph(lines(text))}</div>`,
      text: text
        .split(/\r?\n/)
        .map((line) => `> ${line}`.trimEnd())
        .join('\n'),
    },
  ];
}

/** A heading line and short items, one a line (plain bullets survive every mail client). */
export function list(heading: string, items: readonly string[]): Block {
  return {
    html: paragraph(html`${heading}${items.map((item) => html`<br>&bull;&nbsp;${item}`)}`),
    text: [heading, ...items.map((item) => `- ${item}`)].join('\n'),
  };
}

/** The call to action: a button, the bare link under it for clients that hide buttons. */
export function action(link: string, label: string, locale: UiLocale): Block {
  return {
    html: html`${button(link, label)}${smallPrint(html`<a href="${link}" style="color:#0f766e;word-break:break-all">${link}</a>`)}`,
    text: `${label}${locale === 'zh-Hant' ? '：' : ':'}\n${link}`,
  };
}

export interface EmailSpec {
  context: { locale: UiLocale; publicUrl: string; unsubscribeUrl?: string };
  subject: string;
  preheader: string;
  blocks: readonly Block[];
}

export function compose({ context, subject, preheader, blocks }: EmailSpec): RenderedEmail {
  // A subject is one header line, whatever a name in it contains.
  const oneLine = subject.replace(/\s+/g, ' ').trim();
  const frame = frameFor(context, oneLine, preheader);
  return {
    subject: oneLine,
    html: renderHtmlFrame(frame, html`${blocks.map((block) => block.html)}`),
    text: renderTextFrame(
      frame,
      blocks.map((block) => block.text),
    ),
  };
}
