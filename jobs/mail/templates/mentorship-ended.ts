// To the other person of a mentorship: it has been ended (by the one who sent the feedback).
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, para } from './blocks.ts';
import { greeting, quotedText } from './format.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  otherName: Type.String(),
  link: Type.String({ minLength: 1 }),
});

const TEXT: Record<UiLocale, { subject: string; preheader: string; intro: string; body: string; action: string }> = {
  en: {
    subject: '{other} ended your mentorship',
    preheader: 'Thank you for the time you spent together.',
    intro: '{other} ended your mentorship on Kaifong.',
    body: 'Thank you for the time you spent together. You can still see the mentorship on Kaifong.',
    action: 'Open the mentorship',
  },
  'zh-Hant': {
    subject: '{other} 結束了你們的導師配對',
    preheader: '多謝你們一起付出的時間。',
    intro: '{other} 在街坊結束了你們的導師配對。',
    body: '多謝你們一起付出的時間。你仍然可以在街坊查看這次配對。',
    action: '查看導師配對',
  },
  tl: {
    subject: 'Tinapos ni {other} ang inyong mentorship',
    preheader: 'Salamat sa panahong pinagsamahan ninyo.',
    intro: 'Tinapos ni {other} ang inyong mentorship sa Kaifong.',
    body: 'Salamat sa panahong pinagsamahan ninyo. Makikita mo pa rin ang mentorship sa Kaifong.',
    action: 'Buksan ang mentorship',
  },
  id: {
    subject: '{other} mengakhiri mentorship Anda',
    preheader: 'Terima kasih atas waktu yang Anda lewati bersama.',
    intro: '{other} mengakhiri mentorship Anda di Kaifong.',
    body: 'Terima kasih atas waktu yang Anda lewati bersama. Anda masih bisa melihat mentorship ini di Kaifong.',
    action: 'Buka mentorship',
  },
};

export const mentorshipEnded = defineTemplate({
  kind: 'mentorship-ended',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const link = absoluteLink(publicUrl, payload.link);
    const other = quotedText(payload.otherName.trim(), locale);
    return compose({
      context,
      subject: fill(t.subject, { other }),
      preheader: t.preheader,
      blocks: [
        para(greeting(locale, quotedText(payload.recipientName, locale))),
        para(fill(t.intro, { other })),
        para(t.body),
        action(link, t.action, locale),
      ],
    });
  },
});
