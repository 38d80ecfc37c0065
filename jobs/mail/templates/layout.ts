// The frame every Kaifong email shares: brand header, body, footer; HTML and plain text.
import { html, type SafeHtml } from '../html.ts';
import type { UiLocale } from '../../../server/reference/data.ts';

const HTML_LANG: Record<UiLocale, string> = { en: 'en', 'zh-Hant': 'zh-Hant-HK', tl: 'tl', id: 'id' };

const FOOTER: Record<UiLocale, { tagline: string; unsubscribe: string }> = {
  en: {
    tagline: 'Neighbours helping newcomers settle in Hong Kong.',
    unsubscribe: 'Stop these emails',
  },
  'zh-Hant': {
    tagline: '鄰里互助，陪伴新來港人士安頓下來。',
    unsubscribe: '不再接收這類電郵',
  },
  tl: {
    tagline: 'Mga kapitbahay na tumutulong sa mga bagong dating na manirahan sa Hong Kong.',
    unsubscribe: 'Itigil ang mga email na ito',
  },
  id: {
    tagline: 'Tetangga yang membantu pendatang baru menetap di Hong Kong.',
    unsubscribe: 'Berhenti menerima email ini',
  },
};

const BRAND = '街坊 Kaifong';
// Unquoted family names (valid CSS), so the attribute needs no escaped quotes.
const FONT = '-apple-system,Segoe UI,Roboto,Noto Sans,Noto Sans CJK TC,PingFang HK,Microsoft JhengHei,Arial,sans-serif';

export interface EmailFrame {
  locale: UiLocale;
  publicUrl: string;
  /** The subject, also the document title. */
  title: string;
  /** The line inbox lists show after the subject. */
  preheader: string;
  unsubscribeUrl?: string;
}

/** The frame for a template's context: every template gets the footer's unsubscribe link this way. */
export function frameFor(
  context: { locale: UiLocale; publicUrl: string; unsubscribeUrl?: string },
  title: string,
  preheader: string,
): EmailFrame {
  return { locale: context.locale, publicUrl: context.publicUrl, unsubscribeUrl: context.unsubscribeUrl, title, preheader };
}

export function button(href: string, label: string): SafeHtml {
  return html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0"><tr><td style="border-radius:6px;background:#0f766e"><a href="${href}" style="display:inline-block;padding:12px 24px;font-family:${FONT};font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px">${label}</a></td></tr></table>`;
}

export function paragraph(content: unknown): SafeHtml {
  return html`<p style="margin:0 0 16px;font-family:${FONT};font-size:16px;line-height:1.5;color:#1f2937">${content}</p>`;
}

export function smallPrint(content: unknown): SafeHtml {
  return html`<p style="margin:0 0 12px;font-family:${FONT};font-size:13px;line-height:1.5;color:#6b7280">${content}</p>`;
}

export function renderHtmlFrame(frame: EmailFrame, body: SafeHtml): string {
  const footer = FOOTER[frame.locale];
  return html`<!doctype html>
<html lang="${HTML_LANG[frame.locale]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${frame.title}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6">
<div style="display:none;max-height:0;overflow:hidden">${frame.preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border-radius:8px">
<tr><td style="padding:20px 28px;border-bottom:1px solid #e5e7eb">
<a href="${frame.publicUrl}/" style="font-family:${FONT};font-size:20px;font-weight:700;color:#0f766e;text-decoration:none">${BRAND}</a>
</td></tr>
<tr><td style="padding:28px">
${body}
</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #e5e7eb">
${smallPrint(html`${BRAND} · ${footer.tagline}<br><a href="${frame.publicUrl}/" style="color:#6b7280">${frame.publicUrl.replace(/^https?:\/\//, '')}</a>`)}
${frame.unsubscribeUrl ? smallPrint(html`<a href="${frame.unsubscribeUrl}" style="color:#6b7280">${footer.unsubscribe}</a>`) : ''}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`.value;
}

export function renderTextFrame(frame: EmailFrame, paragraphs: string[]): string {
  const footer = FOOTER[frame.locale];
  const lines = [...paragraphs.flatMap((text) => [text, '']), '-- ', `${BRAND} · ${footer.tagline}`, `${frame.publicUrl}/`];
  if (frame.unsubscribeUrl) lines.push(`${footer.unsubscribe}: ${frame.unsubscribeUrl}`);
  return `${lines.join('\n')}\n`;
}
