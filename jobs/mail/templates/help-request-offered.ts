// To an adviser or community leader: a help request was offered to them. The facts of the case
// and the time to claim it by; never what the asker wrote.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, note, para } from './blocks.ts';
import { formatHongKongDateTime, greeting, quotedText } from './format.ts';
import { caseFacts, HelpTopicCode, HelpUrgencyCode, privacyNote, TrackingCode, urgencyName } from './help-facts.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  trackingCode: TrackingCode,
  topic: HelpTopicCode,
  urgency: HelpUrgencyCode,
  languages: Type.Array(Type.String(), { maxItems: 10 }),
  claimBy: Type.String({ format: 'date-time' }),
  link: Type.String({ minLength: 1 }),
});

const TEXT: Record<UiLocale, { subject: string; preheader: string; intro: string; claim: string; action: string }> = {
  en: {
    subject: 'A help request for you ({urgency}, {code})',
    preheader: 'Please claim it by {date}.',
    intro: 'Kaifong’s help desk offered you a help request: you match its topic, languages and hours best.',
    claim: 'Please claim it by {date} (Hong Kong time). If nobody claims it by then, it goes to other helpers.',
    action: 'Open the request',
  },
  'zh-Hant': {
    subject: '有一個求助交給你（{urgency}，{code}）',
    preheader: '請在 {date} 前認領。',
    intro: '街坊求助台把一個求助交給你：你的專長、語言及值班時間最配合。',
    claim: '請在 {date}（香港時間）前認領。如果到時沒有人認領，求助會交給其他同工。',
    action: '打開求助',
  },
  tl: {
    subject: 'May help request para sa iyo ({urgency}, {code})',
    preheader: 'Pakikuha ito bago ang {date}.',
    intro: 'Ibinigay sa iyo ng help desk ng Kaifong ang isang help request: ikaw ang pinakaangkop sa paksa, wika at oras nito.',
    claim: 'Pakikuha (claim) ito bago ang {date} (oras sa Hong Kong). Kung walang kukuha hanggang noon, mapupunta ito sa ibang helper.',
    action: 'Buksan ang request',
  },
  id: {
    subject: 'Ada permintaan bantuan untuk Anda ({urgency}, {code})',
    preheader: 'Mohon ambil sebelum {date}.',
    intro: 'Layanan bantuan Kaifong menawarkan satu permintaan bantuan kepada Anda: topik, bahasa dan jam tugas Anda paling cocok.',
    claim: 'Mohon ambil (klaim) sebelum {date} (waktu Hong Kong). Jika tidak ada yang mengambilnya, permintaan ini diteruskan ke petugas lain.',
    action: 'Buka permintaan',
  },
};

export const helpRequestOffered = defineTemplate({
  kind: 'help-request-offered',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const values = {
      code: payload.trackingCode,
      urgency: urgencyName(payload.urgency, locale),
      date: formatHongKongDateTime(payload.claimBy, locale),
    };
    return compose({
      context,
      subject: fill(t.subject, values),
      preheader: fill(t.preheader, values),
      blocks: [
        para(greeting(locale, quotedText(payload.recipientName, locale))),
        para(t.intro),
        caseFacts(payload, locale),
        para(fill(t.claim, values)),
        action(absoluteLink(publicUrl, payload.link), t.action, locale),
        note(privacyNote(locale)),
      ],
    });
  },
});
