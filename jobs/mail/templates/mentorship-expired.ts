// To a migrant: the mentor did not answer in time. Fresh recommendations, or just the way to them.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, list, para, type Block } from './blocks.ts';
import { greeting, quotedText } from './format.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  mentorName: Type.String(),
  recommendations: Type.Array(
    Type.Object({
      mentorId: Type.String(),
      displayName: Type.String(),
      headline: Type.String(),
      score: Type.Number({ minimum: 0, maximum: 100 }),
    }),
  ),
  link: Type.String({ minLength: 1 }),
});

const TEXT: Record<
  UiLocale,
  {
    subject: string;
    preheader: string;
    intro: string;
    recommendationsHeading: string;
    recommendation: string;
    recommendationNoHeadline: string;
    next: string;
    action: string;
  }
> = {
  en: {
    subject: 'Your request to {mentor} has expired',
    preheader: '{mentor} did not answer in time. Other mentors can help you.',
    intro: '{mentor} did not answer your request in time, so it has expired. Mentors are volunteers and are sometimes too busy to reply.',
    recommendationsHeading: 'These mentors match you well right now:',
    recommendation: '{name}: {headline} (match {score}/100)',
    recommendationNoHeadline: '{name} (match {score}/100)',
    next: 'Look at the mentors who match you and send a new request.',
    action: 'See mentors for you',
  },
  'zh-Hant': {
    subject: '你向 {mentor} 提出的請求已過期',
    preheader: '{mentor} 未有及時回覆。其他導師可以幫助你。',
    intro: '{mentor} 未有及時回覆你的請求，所以請求已經過期。導師都是義工，有時太忙未能回覆。',
    recommendationsHeading: '以下導師現在與你很配合：',
    recommendation: '{name}：{headline}（配對分數 {score}/100）',
    recommendationNoHeadline: '{name}（配對分數 {score}/100）',
    next: '看看與你配對的導師，再發出新的請求吧。',
    action: '查看適合你的導師',
  },
  tl: {
    subject: 'Nag-expire na ang iyong kahilingan kay {mentor}',
    preheader: 'Hindi nakasagot si {mentor} sa takdang oras. May ibang mentor na makakatulong sa iyo.',
    intro:
      'Hindi nakasagot si {mentor} sa iyong kahilingan sa takdang oras, kaya nag-expire na ito. Mga boluntaryo ang mga mentor at minsan masyado silang abala para sumagot.',
    recommendationsHeading: 'Bagay sa iyo ngayon ang mga mentor na ito:',
    recommendation: '{name}: {headline} (iskor {score}/100)',
    recommendationNoHeadline: '{name} (iskor {score}/100)',
    next: 'Tingnan ang mga mentor na bagay sa iyo at magpadala ng bagong kahilingan.',
    action: 'Tingnan ang mga mentor para sa iyo',
  },
  id: {
    subject: 'Permintaan Anda kepada {mentor} sudah kedaluwarsa',
    preheader: '{mentor} tidak menjawab tepat waktu. Mentor lain bisa membantu Anda.',
    intro:
      '{mentor} tidak menjawab permintaan Anda tepat waktu, jadi permintaan itu sudah kedaluwarsa. Para mentor adalah relawan dan kadang terlalu sibuk untuk membalas.',
    recommendationsHeading: 'Mentor-mentor ini cocok untuk Anda saat ini:',
    recommendation: '{name}: {headline} (skor {score}/100)',
    recommendationNoHeadline: '{name} (skor {score}/100)',
    next: 'Lihat mentor yang cocok untuk Anda dan kirim permintaan baru.',
    action: 'Lihat mentor untuk Anda',
  },
};

export const mentorshipExpired = defineTemplate({
  kind: 'mentorship-expired',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const link = absoluteLink(publicUrl, payload.link);
    const mentor = quotedText(payload.mentorName.trim(), locale);
    const recommendations = payload.recommendations.map((item) => {
      const headline = quotedText(item.headline.trim(), locale);
      const values = { name: quotedText(item.displayName.trim(), locale), headline, score: Math.round(item.score) };
      return fill(headline === '' ? t.recommendationNoHeadline : t.recommendation, values);
    });
    const blocks: Block[] = [
      para(greeting(locale, quotedText(payload.recipientName, locale))),
      para(fill(t.intro, { mentor })),
      ...(recommendations.length > 0 ? [list(t.recommendationsHeading, recommendations)] : [para(t.next)]),
      action(link, t.action, locale),
    ];
    return compose({ context, subject: fill(t.subject, { mentor }), preheader: fill(t.preheader, { mentor }), blocks });
  },
});
