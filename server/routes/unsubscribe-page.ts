// The small page behind an email's "Stop these emails" link, in the recipient's language. Opening
// it changes nothing (mail scanners follow links); its button POSTs, then it confirms.
import { html, type SafeHtml } from '../../jobs/mail/html.ts';
import type { UiLocale } from '../reference/data.ts';
import type { OptionalNotificationKind } from '../services/notification-preferences.ts';

const KIND_NAMES: Record<OptionalNotificationKind, Record<UiLocale, string>> = {
  'event-invitation': {
    en: 'invitations to events',
    'zh-Hant': '活動邀請',
    tl: 'mga imbitasyon sa event',
    id: 'undangan acara',
  },
  'event-reminder': {
    en: 'event reminders',
    'zh-Hant': '活動提醒',
    tl: 'mga paalala tungkol sa event',
    id: 'pengingat acara',
  },
  'help-follow-up-survey': {
    en: 'follow-up surveys after you asked for help',
    'zh-Hant': '求助後的跟進問卷',
    tl: 'mga follow-up na survey pagkatapos mong humingi ng tulong',
    id: 'survei lanjutan setelah Anda meminta bantuan',
  },
};

const TEXT: Record<
  UiLocale,
  {
    title: string;
    question: string;
    keep: string;
    button: string;
    alreadyTitle: string;
    already: string;
    doneTitle: string;
    done: string;
    change: string;
    home: string;
    invalidTitle: string;
    invalid: string;
  }
> = {
  en: {
    title: 'Stop these emails?',
    question: 'Do you want to stop getting emails about {kind} from Kaifong?',
    keep: 'You will still get the emails you need, such as sign-in links and answers to your mentoring requests.',
    button: 'Stop these emails',
    alreadyTitle: 'These emails are already stopped',
    already: 'You already stopped emails about {kind}.',
    doneTitle: 'You will not get these emails any more',
    done: 'We will not send you emails about {kind} any more.',
    change: 'Changed your mind? You can turn them on again in your account settings on Kaifong.',
    home: 'Go to Kaifong',
    invalidTitle: 'This link does not work',
    invalid: 'The link may be incomplete. Copy the whole link from the email, or sign in to Kaifong and change your email settings there.',
  },
  'zh-Hant': {
    title: '不再接收這類電郵？',
    question: '你想不再收到街坊關於{kind}的電郵嗎？',
    keep: '你仍然會收到必要的電郵，例如登入連結和導師請求的回覆。',
    button: '不再接收這類電郵',
    alreadyTitle: '你已停止接收這類電郵',
    already: '你早前已停止接收關於{kind}的電郵。',
    doneTitle: '你不會再收到這類電郵',
    done: '我們不會再寄關於{kind}的電郵給你。',
    change: '改變主意？你可以在街坊的帳戶設定中重新開啟。',
    home: '前往街坊',
    invalidTitle: '這個連結無法使用',
    invalid: '連結可能不完整。請從電郵複製完整的連結，或登入街坊後在設定中更改。',
  },
  tl: {
    title: 'Itigil ang mga email na ito?',
    question: 'Gusto mo bang itigil ang mga email mula sa Kaifong tungkol sa {kind}?',
    keep: 'Matatanggap mo pa rin ang mga kailangang email, gaya ng mga link para mag-sign in at mga sagot sa iyong mga kahilingan sa mentoring.',
    button: 'Itigil ang mga email na ito',
    alreadyTitle: 'Nakatigil na ang mga email na ito',
    already: 'Naitigil mo na ang mga email tungkol sa {kind}.',
    doneTitle: 'Hindi mo na matatanggap ang mga email na ito',
    done: 'Hindi ka na namin padadalhan ng mga email tungkol sa {kind}.',
    change: 'Nagbago ang isip mo? Puwede mo itong buksan ulit sa mga setting ng iyong account sa Kaifong.',
    home: 'Pumunta sa Kaifong',
    invalidTitle: 'Hindi gumagana ang link na ito',
    invalid: 'Baka kulang ang link. Kopyahin ang buong link mula sa email, o mag-sign in sa Kaifong at baguhin doon ang mga setting ng email.',
  },
  id: {
    title: 'Berhenti menerima email ini?',
    question: 'Apakah Anda ingin berhenti menerima email dari Kaifong tentang {kind}?',
    keep: 'Anda tetap akan menerima email yang penting, seperti tautan masuk dan jawaban atas permintaan mentoring Anda.',
    button: 'Berhenti menerima email ini',
    alreadyTitle: 'Email ini sudah dihentikan',
    already: 'Anda sudah berhenti menerima email tentang {kind}.',
    doneTitle: 'Anda tidak akan menerima email ini lagi',
    done: 'Kami tidak akan mengirim email tentang {kind} kepada Anda lagi.',
    change: 'Berubah pikiran? Anda bisa menyalakannya lagi di pengaturan akun Kaifong Anda.',
    home: 'Buka Kaifong',
    invalidTitle: 'Tautan ini tidak berfungsi',
    invalid: 'Tautan mungkin tidak lengkap. Salin seluruh tautan dari email, atau masuk ke Kaifong dan ubah pengaturan email di sana.',
  },
};

const HTML_LANG: Record<UiLocale, string> = { en: 'en', 'zh-Hant': 'zh-Hant-HK', tl: 'tl', id: 'id' };

/** Headers for these pages: the token is in the URL, so no referrer, no cache, no framing, no index. */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
} as const;

function page(locale: UiLocale, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${HTML_LANG[locale]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 街坊 Kaifong</title>
<style>
body{margin:0;background:#f3f4f6;color:#1f2937;font:17px/1.5 -apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK TC","PingFang HK","Microsoft JhengHei",Arial,sans-serif}
main{max-width:34rem;margin:2rem auto;padding:1.75rem;background:#fff;border-radius:8px}
.brand{font-weight:700;color:#0f766e;text-decoration:none;font-size:1.2rem}
h1{font-size:1.5rem;line-height:1.25;margin:1.25rem 0 1rem}
button{font:inherit;font-weight:600;color:#fff;background:#0f766e;border:0;border-radius:6px;padding:.75rem 1.5rem;cursor:pointer;min-height:44px}
button:focus-visible,a:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.small{color:#4b5563;font-size:.95rem}
</style>
</head>
<body>
<main>
<a class="brand" href="/">街坊 Kaifong</a>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.value;
}

function fillKind(text: string, kind: OptionalNotificationKind, locale: UiLocale): string {
  return text.replace('{kind}', KIND_NAMES[kind][locale]);
}

/** The question, with the button that really unsubscribes (or the note that it is done already). */
export function renderUnsubscribeQuestion(options: {
  locale: UiLocale;
  kind: OptionalNotificationKind;
  enabled: boolean;
  formAction: string;
}): string {
  const { locale, kind } = options;
  const t = TEXT[locale];
  if (!options.enabled) {
    return page(
      locale,
      t.alreadyTitle,
      html`<p>${fillKind(t.already, kind, locale)}</p><p class="small">${t.change}</p><p><a href="/">${t.home}</a></p>`,
    );
  }
  return page(
    locale,
    t.title,
    html`<p>${fillKind(t.question, kind, locale)}</p>
<p class="small">${t.keep}</p>
<form method="post" action="${options.formAction}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${t.button}</button>
</form>`,
  );
}

export function renderUnsubscribeDone(locale: UiLocale, kind: OptionalNotificationKind): string {
  const t = TEXT[locale];
  return page(
    locale,
    t.doneTitle,
    html`<p>${fillKind(t.done, kind, locale)}</p><p class="small">${t.change}</p><p><a href="/">${t.home}</a></p>`,
  );
}

export function renderUnsubscribeInvalid(locale: UiLocale): string {
  const t = TEXT[locale];
  return page(locale, t.invalidTitle, html`<p>${t.invalid}</p><p><a href="/">${t.home}</a></p>`);
}

/** The reader's language from Accept-Language, for a page whose link names nobody. */
export function localeFromAcceptLanguage(header: string | undefined): UiLocale {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-Hant';
    if (tag === 'tl' || tag.startsWith('tl-') || tag === 'fil' || tag.startsWith('fil-')) return 'tl';
    if (tag === 'id' || tag.startsWith('id-') || tag === 'in') return 'id';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}
