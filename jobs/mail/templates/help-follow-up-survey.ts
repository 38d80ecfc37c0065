// To the person who asked for help, a week after their case closed: did it help? One rating and
// an optional comment on the tracking page. Optional: people can turn these off.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, para } from './blocks.ts';
import { greeting } from './format.ts';
import { TrackingCode } from './help-facts.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  trackingCode: TrackingCode,
  link: Type.String({ minLength: 1 }),
});

const TEXT: Record<UiLocale, { subject: string; preheader: string; intro: string; ask: string; action: string; again: string }> = {
  en: {
    subject: 'Did we help? ({code})',
    preheader: 'One minute to tell us.',
    intro: 'Your request {code} was closed a week ago.',
    ask: 'Did our help desk help you? Telling us takes a minute, and it helps us help others.',
    action: 'Tell us how it went',
    again: 'If you still need help, you can ask again at any time.',
  },
  'zh-Hant': {
    subject: '我們幫到你嗎？（{code}）',
    preheader: '用一分鐘告訴我們。',
    intro: '你的求助 {code} 已在一星期前結束。',
    ask: '求助台有沒有幫到你？告訴我們只需一分鐘，也能幫助我們幫到更多人。',
    action: '告訴我們你的意見',
    again: '如果你仍然需要幫助，可以隨時再次求助。',
  },
  tl: {
    subject: 'Nakatulong ba kami? ({code})',
    preheader: 'Isang minuto lang para sabihin sa amin.',
    intro: 'Naisara ang request mo na {code} isang linggo na ang nakalipas.',
    ask: 'Natulungan ka ba ng aming help desk? Isang minuto lang ito, at makakatulong ito sa amin na matulungan ang iba.',
    action: 'Sabihin sa amin',
    again: 'Kung kailangan mo pa ng tulong, puwede kang humingi ulit anumang oras.',
  },
  id: {
    subject: 'Apakah kami membantu? ({code})',
    preheader: 'Satu menit untuk memberi tahu kami.',
    intro: 'Permintaan Anda {code} ditutup seminggu yang lalu.',
    ask: 'Apakah layanan bantuan kami membantu Anda? Hanya satu menit, dan ini membantu kami menolong orang lain.',
    action: 'Beri tahu kami',
    again: 'Jika Anda masih memerlukan bantuan, Anda bisa meminta lagi kapan saja.',
  },
};

export const helpFollowUpSurvey = defineTemplate({
  kind: 'help-follow-up-survey',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const values = { code: payload.trackingCode };
    return compose({
      context,
      subject: fill(t.subject, values),
      preheader: t.preheader,
      blocks: [
        para(greeting(locale, '')),
        para(fill(t.intro, values)),
        para(t.ask),
        action(absoluteLink(publicUrl, payload.link), t.action, locale),
        para(t.again),
      ],
    });
  },
});
