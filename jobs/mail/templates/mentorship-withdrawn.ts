// To a mentor: the migrant withdrew their request. Nothing to do; no link needed.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { compose, para } from './blocks.ts';
import { greeting, quotedText } from './format.ts';
import { defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  menteeName: Type.String(),
});

const TEXT: Record<UiLocale, { subject: string; preheader: string; intro: string; body: string }> = {
  en: {
    subject: '{mentee} withdrew their request',
    preheader: 'You do not need to do anything.',
    intro: '{mentee} withdrew their request for you to be their mentor.',
    body: 'You do not need to do anything. Thank you for giving your time as a volunteer: other newcomers may ask you soon.',
  },
  'zh-Hant': {
    subject: '{mentee} 撤回了導師請求',
    preheader: '你不需要做任何事。',
    intro: '{mentee} 撤回了邀請你擔任導師的請求。',
    body: '你不需要做任何事。多謝你付出時間做義工，其他新來港的朋友可能很快會邀請你。',
  },
  tl: {
    subject: 'Binawi ni {mentee} ang kahilingan niya',
    preheader: 'Wala kang kailangang gawin.',
    intro: 'Binawi ni {mentee} ang kahilingan niya na ikaw ang maging mentor niya.',
    body: 'Wala kang kailangang gawin. Salamat sa pagbibigay ng oras mo bilang boluntaryo: baka may ibang bagong dating na humiling sa iyo sa lalong madaling panahon.',
  },
  id: {
    subject: '{mentee} menarik kembali permintaannya',
    preheader: 'Anda tidak perlu melakukan apa pun.',
    intro: '{mentee} menarik kembali permintaannya agar Anda menjadi mentornya.',
    body: 'Anda tidak perlu melakukan apa pun. Terima kasih telah meluangkan waktu sebagai relawan: pendatang baru lain mungkin akan segera menghubungi Anda.',
  },
};

export const mentorshipWithdrawn = defineTemplate({
  kind: 'mentorship-withdrawn',
  payload: Payload,
  render(context) {
    const { payload, locale } = context;
    const t = TEXT[locale];
    const mentee = quotedText(payload.menteeName.trim(), locale);
    return compose({
      context,
      subject: fill(t.subject, { mentee }),
      preheader: t.preheader,
      blocks: [para(greeting(locale, quotedText(payload.recipientName, locale))), para(fill(t.intro, { mentee })), para(t.body)],
    });
  },
});
