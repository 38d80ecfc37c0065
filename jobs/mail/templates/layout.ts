// The frame every Kaifong email shares: brand header, body, footer; HTML (views/frame.eta) and plain text.
import type { UiLocale } from '../../../server/reference/data.ts';
import { renderView, type MailHtml } from './views.ts';

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

export function renderHtmlFrame(frame: EmailFrame, body: MailHtml): string {
  const footer = FOOTER[frame.locale];
  return renderView('frame', {
    lang: HTML_LANG[frame.locale],
    title: frame.title,
    preheader: frame.preheader,
    brand: BRAND,
    tagline: footer.tagline,
    siteUrl: `${frame.publicUrl}/`,
    siteLabel: frame.publicUrl.replace(/^https?:\/\//, ''),
    unsubscribe: frame.unsubscribeUrl ? { href: frame.unsubscribeUrl, label: footer.unsubscribe } : null,
    body,
  });
}

export function renderTextFrame(frame: EmailFrame, paragraphs: string[]): string {
  const footer = FOOTER[frame.locale];
  const lines = [...paragraphs.flatMap((text) => [text, '']), '-- ', `${BRAND} · ${footer.tagline}`, `${frame.publicUrl}/`];
  if (frame.unsubscribeUrl) lines.push(`${footer.unsubscribe}: ${frame.unsubscribeUrl}`);
  return `${lines.join('\n')}\n`;
}
