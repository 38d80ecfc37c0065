// Building blocks for the notification emails: each block is written once and comes out as
// both HTML (an Eta view in ./views/, every value escaped) and plain text, so the two parts of
// an email never disagree.
import type { UiLocale } from '../../../server/reference/data.ts';
import { frameFor, renderHtmlFrame, renderTextFrame } from './layout.ts';
import type { RenderedEmail } from './template.ts';
import { joinHtml, renderView, type MailHtml } from './views.ts';

export interface Block {
  html: MailHtml;
  text: string;
}

export function para(text: string): Block {
  return { html: renderView('paragraph', { lines: [text], bulleted: false }), text };
}

export function note(text: string): Block {
  return { html: renderView('small-print', { text, anchor: null }), text };
}

/** Someone's own words (a message, a reason), set apart from ours; line breaks kept. */
export function quote(heading: string, text: string): Block[] {
  const lines = text.split(/\r?\n/);
  return [
    para(heading),
    {
      html: renderView('quote', { lines }),
      text: lines.map((line) => `> ${line}`.trimEnd()).join('\n'),
    },
  ];
}

/** A heading line and short items, one a line (plain bullets survive every mail client). */
export function list(heading: string, items: readonly string[]): Block {
  return {
    html: renderView('list', { heading, items }),
    text: [heading, ...items.map((item) => `- ${item}`)].join('\n'),
  };
}

/** The call to action: a button, the bare link under it for clients that hide buttons. */
export function action(link: string, label: string, locale: UiLocale): Block {
  return {
    html: renderView('action', { link, label }),
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
    html: renderHtmlFrame(frame, joinHtml(blocks.map((block) => block.html))),
    text: renderTextFrame(
      frame,
      blocks.map((block) => block.text),
    ),
  };
}
