// A help request nobody claimed in time: to the next helpers it is now offered to, or to every
// coordinator (also when no helper was available at all). Never what the asker wrote.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, note, para, type Block } from './blocks.ts';
import { formatHongKongDateTime, greeting, quotedText } from './format.ts';
import { caseFacts, HelpTopicCode, HelpUrgencyCode, privacyNote, TrackingCode, urgencyName } from './help-facts.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  trackingCode: TrackingCode,
  topic: HelpTopicCode,
  urgency: HelpUrgencyCode,
  languages: Type.Array(Type.String(), { maxItems: 10 }),
  audience: Type.Enum(['helper', 'coordinator'] as const),
  reason: Type.Enum(['unclaimed', 'no-helper-available'] as const),
  waitingSince: Type.String({ format: 'date-time' }),
  claimBy: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  link: Type.String({ minLength: 1 }),
});

interface Text {
  subject: string;
  preheader: string;
  helperIntro: string;
  unclaimed: string;
  noHelper: string;
  coordinatorAsk: string;
  claim: string;
  action: string;
}

const TEXT: Record<UiLocale, Text> = {
  en: {
    subject: 'Waiting for help: {urgency} request {code}',
    preheader: 'Someone has been waiting since {since}.',
    helperIntro: 'Nobody has claimed this help request yet, so it is now offered to you as well.',
    unclaimed: 'Nobody has claimed this help request since {since} (Hong Kong time).',
    noHelper: 'No adviser or community leader was free to take this help request (asked {since}, Hong Kong time).',
    coordinatorAsk: 'As a coordinator, please find someone to take it, or claim it yourself.',
    claim: 'Please claim it by {date} (Hong Kong time) if you can take it.',
    action: 'Open the request',
  },
  'zh-Hant': {
    subject: '求助仍在等待：{urgency}求助 {code}',
    preheader: '求助者由 {since} 起一直在等。',
    helperIntro: '這個求助仍未有人認領，所以現在也交給你。',
    unclaimed: '這個求助由 {since}（香港時間）起仍未有人認領。',
    noHelper: '沒有顧問或社區領袖可以接手這個求助（{since}，香港時間）。',
    coordinatorAsk: '作為統籌人員，請安排同工跟進，或自己認領。',
    claim: '如果你可以跟進，請在 {date}（香港時間）前認領。',
    action: '打開求助',
  },
  tl: {
    subject: 'Naghihintay ng tulong: {urgency} na request {code}',
    preheader: 'May naghihintay mula pa noong {since}.',
    helperIntro: 'Wala pang kumukuha sa help request na ito, kaya ibinibigay na rin ito sa iyo.',
    unclaimed: 'Wala pang kumukuha sa help request na ito mula noong {since} (oras sa Hong Kong).',
    noHelper: 'Walang adviser o community leader na bakante para sa help request na ito (hiniling noong {since}, oras sa Hong Kong).',
    coordinatorAsk: 'Bilang coordinator, pakihanapan ito ng hahawak, o kunin mo ito mismo.',
    claim: 'Kung kaya mo itong hawakan, pakikuha ito bago ang {date} (oras sa Hong Kong).',
    action: 'Buksan ang request',
  },
  id: {
    subject: 'Menunggu bantuan: permintaan {urgency} {code}',
    preheader: 'Seseorang menunggu sejak {since}.',
    helperIntro: 'Belum ada yang mengambil permintaan bantuan ini, jadi sekarang juga ditawarkan kepada Anda.',
    unclaimed: 'Belum ada yang mengambil permintaan bantuan ini sejak {since} (waktu Hong Kong).',
    noHelper: 'Tidak ada penasihat atau pemimpin komunitas yang bisa menangani permintaan ini (diajukan {since}, waktu Hong Kong).',
    coordinatorAsk: 'Sebagai koordinator, mohon carikan petugas yang menanganinya, atau ambil sendiri.',
    claim: 'Jika Anda bisa menanganinya, mohon ambil sebelum {date} (waktu Hong Kong).',
    action: 'Buka permintaan',
  },
};

export const helpRequestEscalated = defineTemplate({
  kind: 'help-request-escalated',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const values = {
      code: payload.trackingCode,
      urgency: urgencyName(payload.urgency, locale),
      since: formatHongKongDateTime(payload.waitingSince, locale),
      date: payload.claimBy ? formatHongKongDateTime(payload.claimBy, locale) : '',
    };
    const situation: Block[] =
      payload.audience === 'helper'
        ? [para(t.helperIntro)]
        : [para(fill(payload.reason === 'unclaimed' ? t.unclaimed : t.noHelper, values)), para(t.coordinatorAsk)];
    return compose({
      context,
      subject: fill(t.subject, values),
      preheader: fill(t.preheader, values),
      blocks: [
        para(greeting(locale, quotedText(payload.recipientName, locale))),
        ...situation,
        caseFacts(payload, locale),
        ...(payload.audience === 'helper' && payload.claimBy ? [para(fill(t.claim, values))] : []),
        action(absoluteLink(publicUrl, payload.link), t.action, locale),
        note(privacyNote(locale)),
      ],
    });
  },
});
