// To a mentor: a migrant asks them to be their mentor. Shows the message, why the two were
// matched, the date the request expires, and where to accept or decline.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, list, para, quote, type Block } from './blocks.ts';
import { formatHongKongDateTime, greeting, quotedText } from './format.ts';
import { MatchPartSchema, matchReasons } from './match-reasons.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  menteeName: Type.String(),
  message: Type.String(),
  score: Type.Number({ minimum: 0, maximum: 100 }),
  parts: Type.Array(MatchPartSchema),
  expiresAt: Type.String({ format: 'date-time' }),
  link: Type.String({ minLength: 1 }),
});

const TEXT: Record<
  UiLocale,
  {
    subject: string;
    preheader: string;
    intro: string;
    messageHeading: string;
    noMessage: string;
    whyHeading: string;
    expires: string;
    action: string;
  }
> = {
  en: {
    subject: '{mentee} would like you to be their mentor',
    preheader: 'Please accept or decline by {date}.',
    intro: '{mentee} asked you to be their mentor on Kaifong.',
    messageHeading: 'Their message:',
    noMessage: 'They did not write a message.',
    whyHeading: 'Why you were matched (score {score} out of 100):',
    expires: 'Please answer by {date} (Hong Kong time). After that, the request expires.',
    action: 'Accept or decline',
  },
  'zh-Hant': {
    subject: '{mentee} 希望你擔任導師',
    preheader: '請在 {date} 前接受或拒絕。',
    intro: '{mentee} 在街坊邀請你擔任導師。',
    messageHeading: '對方的留言：',
    noMessage: '對方沒有留言。',
    whyHeading: '配對原因（配對分數 {score}/100）：',
    expires: '請在 {date}（香港時間）前回覆，之後這個請求會失效。',
    action: '接受或拒絕',
  },
  tl: {
    subject: 'Gusto ni {mentee} na ikaw ang maging mentor niya',
    preheader: 'Pakisagot bago ang {date}.',
    intro: 'Hiniling ni {mentee} sa Kaifong na ikaw ang maging mentor niya.',
    messageHeading: 'Ang mensahe niya:',
    noMessage: 'Wala siyang isinulat na mensahe.',
    whyHeading: 'Bakit kayo itinugma (iskor {score} sa 100):',
    expires: 'Pakisagot bago ang {date} (oras sa Hong Kong). Pagkatapos nito, mawawalan na ng bisa ang kahilingan.',
    action: 'Tanggapin o tanggihan',
  },
  id: {
    subject: '{mentee} ingin Anda menjadi mentornya',
    preheader: 'Mohon terima atau tolak sebelum {date}.',
    intro: '{mentee} meminta Anda menjadi mentornya di Kaifong.',
    messageHeading: 'Pesannya:',
    noMessage: 'Dia tidak menulis pesan.',
    whyHeading: 'Mengapa Anda dicocokkan (skor {score} dari 100):',
    expires: 'Mohon jawab sebelum {date} (waktu Hong Kong). Setelah itu, permintaan ini kedaluwarsa.',
    action: 'Terima atau tolak',
  },
};

export const mentorshipRequested = defineTemplate({
  kind: 'mentorship-requested',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const link = absoluteLink(publicUrl, payload.link);
    const values = {
      mentee: quotedText(payload.menteeName.trim(), locale),
      date: formatHongKongDateTime(payload.expiresAt, locale),
      score: Math.round(payload.score),
    };
    const message = quotedText(payload.message.trim(), locale);
    const reasons = matchReasons(payload.parts, locale);

    const blocks: Block[] = [
      para(greeting(locale, quotedText(payload.recipientName, locale))),
      para(fill(t.intro, values)),
      ...(message === '' ? [para(t.noMessage)] : quote(t.messageHeading, message)),
      ...(reasons.length > 0 ? [list(fill(t.whyHeading, values), reasons)] : []),
      para(fill(t.expires, values)),
      action(link, t.action, locale),
    ];
    return compose({ context, subject: fill(t.subject, values), preheader: fill(t.preheader, values), blocks });
  },
});
