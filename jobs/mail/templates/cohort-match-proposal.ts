// To both people of a pair a programme coordinator proposed in cohort matching: the mentor is
// asked to accept or decline; the mentee learns who was proposed and that the mentor will answer.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, list, para, type Block } from './blocks.ts';
import { greeting, quotedText } from './format.ts';
import { MatchPartSchema, matchReasons } from './match-reasons.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  role: Type.Enum(['mentee', 'mentor'] as const),
  otherName: Type.String(),
  otherHeadline: Type.String(),
  score: Type.Number({ minimum: 0, maximum: 100 }),
  parts: Type.Array(MatchPartSchema),
  link: Type.String({ minLength: 1 }),
});

interface RoleTexts {
  subject: string;
  preheader: string;
  intro: string;
  next: string;
  action: string;
}

const TEXT: Record<UiLocale, { mentor: RoleTexts; mentee: RoleTexts; about: string; whyHeading: string }> = {
  en: {
    mentor: {
      subject: 'A programme coordinator matched you with {other}',
      preheader: 'Please accept or decline the match.',
      intro: 'A Kaifong programme coordinator proposed you as the mentor of {other}.',
      next: 'Please open the match and accept or decline it.',
      action: 'Accept or decline',
    },
    mentee: {
      subject: 'You have been matched with a mentor: {other}',
      preheader: '{other} will answer soon.',
      intro: 'A Kaifong programme coordinator matched you with {other} as your mentor.',
      next: '{other} will answer soon. We will email you when they do.',
      action: 'See the match',
    },
    about: 'About {other}: {headline}',
    whyHeading: 'Why you were matched (score {score} out of 100):',
  },
  'zh-Hant': {
    mentor: {
      subject: '計劃統籌員為你配對了 {other}',
      preheader: '請接受或拒絕這個配對。',
      intro: '街坊的計劃統籌員建議由你擔任 {other} 的導師。',
      next: '請打開配對，接受或拒絕。',
      action: '接受或拒絕',
    },
    mentee: {
      subject: '你已獲配對導師：{other}',
      preheader: '{other} 會盡快回覆。',
      intro: '街坊的計劃統籌員為你配對了導師 {other}。',
      next: '{other} 會盡快回覆，到時我們會以電郵通知你。',
      action: '查看配對',
    },
    about: '關於 {other}：{headline}',
    whyHeading: '配對原因（配對分數 {score}/100）：',
  },
  tl: {
    mentor: {
      subject: 'Itinugma ka ng isang coordinator kay {other}',
      preheader: 'Pakitanggap o pakitanggihan ang tugma.',
      intro: 'Iminungkahi ng isang coordinator ng programa ng Kaifong na ikaw ang maging mentor ni {other}.',
      next: 'Pakibuksan ang tugma at tanggapin o tanggihan ito.',
      action: 'Tanggapin o tanggihan',
    },
    mentee: {
      subject: 'May katugma ka nang mentor: {other}',
      preheader: 'Sasagot si {other} sa lalong madaling panahon.',
      intro: 'Itinugma ka ng isang coordinator ng programa ng Kaifong kay {other} bilang iyong mentor.',
      next: 'Sasagot si {other} sa lalong madaling panahon. Mag-e-email kami sa iyo kapag sumagot na siya.',
      action: 'Tingnan ang tugma',
    },
    about: 'Tungkol kay {other}: {headline}',
    whyHeading: 'Bakit kayo itinugma (iskor {score} sa 100):',
  },
  id: {
    mentor: {
      subject: 'Koordinator program mencocokkan Anda dengan {other}',
      preheader: 'Mohon terima atau tolak pencocokan ini.',
      intro: 'Seorang koordinator program Kaifong mengusulkan Anda menjadi mentor untuk {other}.',
      next: 'Mohon buka pencocokan ini, lalu terima atau tolak.',
      action: 'Terima atau tolak',
    },
    mentee: {
      subject: 'Anda sudah dicocokkan dengan mentor: {other}',
      preheader: '{other} akan segera menjawab.',
      intro: 'Seorang koordinator program Kaifong mencocokkan Anda dengan {other} sebagai mentor Anda.',
      next: '{other} akan segera menjawab. Kami akan mengirim email kepada Anda setelah dia menjawab.',
      action: 'Lihat pencocokan',
    },
    about: 'Tentang {other}: {headline}',
    whyHeading: 'Mengapa Anda dicocokkan (skor {score} dari 100):',
  },
};

export const cohortMatchProposal = defineTemplate({
  kind: 'cohort-match-proposal',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const r = t[payload.role];
    const link = absoluteLink(publicUrl, payload.link);
    const values = {
      other: quotedText(payload.otherName.trim(), locale),
      headline: quotedText(payload.otherHeadline.trim(), locale),
      score: Math.round(payload.score),
    };
    const reasons = matchReasons(payload.parts, locale);
    const blocks: Block[] = [
      para(greeting(locale, quotedText(payload.recipientName, locale))),
      para(fill(r.intro, values)),
      ...(values.headline === '' ? [] : [para(fill(t.about, values))]),
      ...(reasons.length > 0 ? [list(fill(t.whyHeading, values), reasons)] : []),
      para(fill(r.next, values)),
      action(link, r.action, locale),
    ];
    return compose({ context, subject: fill(r.subject, values), preheader: fill(r.preheader, values), blocks });
  },
});
