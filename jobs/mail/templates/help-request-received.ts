// To the person who asked for help (when they chose email as a safe way to reach them): the
// request arrived, its tracking code, and the private link to follow it and write back.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, note, para, type Block } from './blocks.ts';
import { greeting } from './format.ts';
import { HelpUrgencyCode, TrackingCode } from './help-facts.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  trackingCode: TrackingCode,
  urgency: HelpUrgencyCode,
  link: Type.String({ minLength: 1 }),
});

const TEXT: Record<
  UiLocale,
  { subject: string; preheader: string; intro: string; next: string; action: string; keepPrivate: string; danger: string }
> = {
  en: {
    subject: 'We received your request ({code})',
    preheader: 'Your tracking code is {code}.',
    intro: 'Thank you for writing to Kaifong. We received your request. Your tracking code is {code}.',
    next: 'Someone from our help desk will answer in the way and at the time you chose. You can follow your request and write to us here:',
    action: 'Follow my request',
    keepPrivate: 'Keep this link to yourself: anyone who has it can read your request.',
    danger: 'If you or someone else is in danger now, call 999.',
  },
  'zh-Hant': {
    subject: '我們已收到你的求助（{code}）',
    preheader: '你的追蹤編號是 {code}。',
    intro: '多謝你聯絡街坊。我們已收到你的求助，你的追蹤編號是 {code}。',
    next: '求助台的同工會按你選擇的方法和時間回覆。你可以在這裡查看進度及留言給我們：',
    action: '查看我的求助',
    keepPrivate: '請不要把這條連結給別人：任何人有這條連結都可以看到你的求助。',
    danger: '如果你或其他人正身處危險，請立即致電 999。',
  },
  tl: {
    subject: 'Natanggap namin ang request mo ({code})',
    preheader: 'Ang tracking code mo ay {code}.',
    intro: 'Salamat sa pagsulat sa Kaifong. Natanggap namin ang request mo. Ang tracking code mo ay {code}.',
    next: 'Sasagot ang isang taga-help desk namin sa paraan at oras na pinili mo. Puwede mong sundan ang request mo at sumulat sa amin dito:',
    action: 'Tingnan ang request ko',
    keepPrivate: 'Huwag ibigay sa iba ang link na ito: mababasa ng sinumang may hawak nito ang request mo.',
    danger: 'Kung ikaw o ibang tao ay nasa panganib ngayon, tumawag sa 999.',
  },
  id: {
    subject: 'Permintaan Anda sudah kami terima ({code})',
    preheader: 'Kode pelacakan Anda {code}.',
    intro: 'Terima kasih telah menghubungi Kaifong. Permintaan Anda sudah kami terima. Kode pelacakan Anda {code}.',
    next: 'Petugas layanan bantuan kami akan menjawab dengan cara dan pada waktu yang Anda pilih. Anda bisa memantau permintaan dan menulis kepada kami di sini:',
    action: 'Lihat permintaan saya',
    keepPrivate: 'Jangan berikan tautan ini kepada orang lain: siapa pun yang memilikinya bisa membaca permintaan Anda.',
    danger: 'Jika Anda atau orang lain dalam bahaya sekarang, hubungi 999.',
  },
};

export const helpRequestReceived = defineTemplate({
  kind: 'help-request-received',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const values = { code: payload.trackingCode };
    const blocks: Block[] = [
      para(greeting(locale, '')),
      ...(payload.urgency === 'emergency' ? [para(t.danger)] : []),
      para(fill(t.intro, values)),
      para(t.next),
      action(absoluteLink(publicUrl, payload.link), t.action, locale),
      note(t.keepPrivate),
    ];
    return compose({ context, subject: fill(t.subject, values), preheader: fill(t.preheader, values), blocks });
  },
});
