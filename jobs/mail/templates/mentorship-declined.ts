// To a migrant: the mentor said no. Kind, not about them, and straight on to other mentors.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, para, quote, type Block } from './blocks.ts';
import { greeting, quotedText } from './format.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  mentorName: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  link: Type.String({ minLength: 1 }),
});

const TEXT: Record<
  UiLocale,
  { subject: string; preheader: string; intro: string; reasonHeading: string; encourage: string; action: string }
> = {
  en: {
    subject: 'About your request to {mentor}',
    preheader: '{mentor} cannot be your mentor right now. Other mentors can help.',
    intro:
      '{mentor} cannot be your mentor right now. This happens often: mentors are volunteers with limited time. It is not about you.',
    reasonHeading: 'Their note:',
    encourage: 'Many other mentors are glad to help. Look at the mentors who match you and send a new request.',
    action: 'Find another mentor',
  },
  'zh-Hant': {
    subject: '關於你向 {mentor} 提出的請求',
    preheader: '{mentor} 暫時未能擔任你的導師，其他導師可以幫助你。',
    intro: '{mentor} 暫時未能擔任你的導師。導師都是義工，時間有限，這種情況很常見，並不是因為你。',
    reasonHeading: '對方的留言：',
    encourage: '還有很多導師樂意幫忙。看看與你配對的導師，再發出新的請求吧。',
    action: '尋找其他導師',
  },
  tl: {
    subject: 'Tungkol sa iyong kahilingan kay {mentor}',
    preheader: 'Hindi puwedeng maging mentor mo si {mentor} ngayon. May ibang mentor na makakatulong.',
    intro:
      'Hindi puwedeng maging mentor mo si {mentor} ngayon. Madalas itong mangyari: mga boluntaryo ang mga mentor at limitado ang oras nila. Hindi ito dahil sa iyo.',
    reasonHeading: 'Ang paliwanag niya:',
    encourage: 'Maraming ibang mentor ang handang tumulong. Tingnan ang mga mentor na bagay sa iyo at magpadala ng bagong kahilingan.',
    action: 'Maghanap ng ibang mentor',
  },
  id: {
    subject: 'Tentang permintaan Anda kepada {mentor}',
    preheader: '{mentor} belum bisa menjadi mentor Anda saat ini. Mentor lain bisa membantu.',
    intro:
      '{mentor} belum bisa menjadi mentor Anda saat ini. Ini sering terjadi: para mentor adalah relawan dengan waktu terbatas. Ini bukan karena Anda.',
    reasonHeading: 'Catatan darinya:',
    encourage: 'Banyak mentor lain yang senang membantu. Lihat mentor yang cocok untuk Anda dan kirim permintaan baru.',
    action: 'Cari mentor lain',
  },
};

export const mentorshipDeclined = defineTemplate({
  kind: 'mentorship-declined',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const link = absoluteLink(publicUrl, payload.link);
    const mentor = quotedText(payload.mentorName.trim(), locale);
    const reason = quotedText(payload.reason?.trim() ?? '', locale);
    const blocks: Block[] = [
      para(greeting(locale, quotedText(payload.recipientName, locale))),
      para(fill(t.intro, { mentor })),
      ...(reason === '' ? [] : quote(t.reasonHeading, reason)),
      para(t.encourage),
      action(link, t.action, locale),
    ];
    return compose({ context, subject: fill(t.subject, { mentor }), preheader: fill(t.preheader, { mentor }), blocks });
  },
});
