// The magic link: single use, short-lived. Always sent (it cannot be turned off).
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { frameFor, renderHtmlFrame, renderTextFrame } from './layout.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';
import { quotedText } from './format.ts';
import { renderView } from './views.ts';

const Payload = Type.Object({
  url: Type.String({ minLength: 1 }),
  displayName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  expiresInMinutes: Type.Integer({ minimum: 1 }),
});

const TEXT: Record<
  UiLocale,
  {
    subject: string;
    preheader: string;
    greetingNamed: string;
    greeting: string;
    intro: string;
    action: string;
    fallback: string;
    notYou: string;
  }
> = {
  en: {
    subject: 'Your sign-in link for Kaifong',
    preheader: 'Sign in with one click. The link expires in {minutes} minutes.',
    greetingNamed: 'Hi {name},',
    greeting: 'Hi,',
    intro: 'Use the button below to sign in to Kaifong. The link works once and expires in {minutes} minutes.',
    action: 'Sign in to Kaifong',
    fallback: 'If the button does not work, copy this link into your browser:',
    notYou: 'If you did not ask to sign in, you can ignore this email. Nobody can sign in without this link.',
  },
  'zh-Hant': {
    subject: '你的街坊登入連結',
    preheader: '按一下即可登入。連結會在 {minutes} 分鐘後失效。',
    greetingNamed: '{name}，你好：',
    greeting: '你好：',
    intro: '請按下面的按鈕登入街坊。此連結只可使用一次，並會在 {minutes} 分鐘後失效。',
    action: '登入街坊',
    fallback: '如果按鈕無法使用，請把以下連結複製到瀏覽器：',
    notYou: '如果你沒有要求登入，可以忽略這封電郵。沒有這個連結，任何人都無法登入。',
  },
  tl: {
    subject: 'Ang iyong link para mag-sign in sa Kaifong',
    preheader: 'Mag-sign in sa isang pindot. Mag-e-expire ang link sa loob ng {minutes} minuto.',
    greetingNamed: 'Kumusta {name},',
    greeting: 'Kumusta,',
    intro:
      'Pindutin ang button sa ibaba para mag-sign in sa Kaifong. Isang beses lang magagamit ang link at mag-e-expire ito sa loob ng {minutes} minuto.',
    action: 'Mag-sign in sa Kaifong',
    fallback: 'Kung hindi gumagana ang button, kopyahin ang link na ito sa iyong browser:',
    notYou:
      'Kung hindi ikaw ang humiling na mag-sign in, huwag pansinin ang email na ito. Walang makakapag-sign in nang wala ang link na ito.',
  },
  id: {
    subject: 'Tautan masuk Kaifong Anda',
    preheader: 'Masuk dengan satu klik. Tautan kedaluwarsa dalam {minutes} menit.',
    greetingNamed: 'Halo {name},',
    greeting: 'Halo,',
    intro: 'Gunakan tombol di bawah untuk masuk ke Kaifong. Tautan ini hanya berlaku sekali dan kedaluwarsa dalam {minutes} menit.',
    action: 'Masuk ke Kaifong',
    fallback: 'Jika tombol tidak berfungsi, salin tautan ini ke peramban Anda:',
    notYou: 'Jika Anda tidak meminta untuk masuk, abaikan email ini. Tidak ada yang bisa masuk tanpa tautan ini.',
  },
};

export const signInLink = defineTemplate({
  kind: 'sign-in-link',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const link = absoluteLink(publicUrl, payload.url);
    // A name is what someone typed: a link in it is hidden, never sent on.
    const values = { minutes: payload.expiresInMinutes, name: quotedText(payload.displayName?.trim() ?? '', locale) };
    const greeting = values.name === '' ? t.greeting : fill(t.greetingNamed, values);
    const intro = fill(t.intro, values);
    const frame = frameFor(context, t.subject, fill(t.preheader, values));
    return {
      subject: t.subject,
      html: renderHtmlFrame(
        frame,
        renderView('sign-in-link', { greeting, intro, link, action: t.action, fallback: t.fallback, notYou: t.notYou }),
      ),
      text: renderTextFrame(frame, [greeting, intro, `${t.action}:\n${link}`, t.notYou]),
    };
  },
});
