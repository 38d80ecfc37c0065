// To someone in an organiser's chosen audience: an event they may like. Optional (people can
// turn invitations off); each person is invited at most once per event.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, note, para, type Block } from './blocks.ts';
import { EventInfo, eventCalendarAttachment, eventDetails, eventOrganiser, eventTitle } from './event-blocks.ts';
import { greeting, quotedText } from './format.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  event: EventInfo,
  link: Type.String({ minLength: 1 }),
});

const TEXT: Record<UiLocale, { subject: string; preheader: string; intro: string; rsvp: string; action: string; why: string }> = {
  en: {
    subject: 'You are invited: {title}',
    preheader: '{organisation} invites you. Say if you are coming on the event page.',
    intro: '{organisation} invites you to {title}.',
    rsvp: 'Places may be limited. If you would like to come, say so on the event page and we will keep a seat for you.',
    action: 'See the event and RSVP',
    why: 'You got this invitation because the organiser chose people with your background or languages. You can turn event invitations off at any time.',
  },
  'zh-Hant': {
    subject: '活動邀請：{title}',
    preheader: '{organisation} 邀請你參加。請在活動頁面回覆是否出席。',
    intro: '{organisation} 邀請你參加「{title}」。',
    rsvp: '名額可能有限。如果你想參加，請在活動頁面登記，我們會為你保留座位。',
    action: '查看活動並登記',
    why: '你收到這個邀請，是因為主辦機構選擇了與你背景或語言相近的人士。你可以隨時關閉活動邀請。',
  },
  tl: {
    subject: 'Inaanyayahan ka: {title}',
    preheader: 'Inaanyayahan ka ng {organisation}. Sabihin sa pahina ng event kung darating ka.',
    intro: 'Inaanyayahan ka ng {organisation} sa {title}.',
    rsvp: 'Maaaring limitado ang upuan. Kung gusto mong dumalo, sabihin ito sa pahina ng event at itatabi namin ang upuan mo.',
    action: 'Tingnan ang event at mag-RSVP',
    why: 'Natanggap mo ang imbitasyong ito dahil pinili ng organizer ang mga taong may katulad mong background o wika. Puwede mong itigil ang mga imbitasyon sa event anumang oras.',
  },
  id: {
    subject: 'Anda diundang: {title}',
    preheader: '{organisation} mengundang Anda. Konfirmasi kehadiran di halaman acara.',
    intro: '{organisation} mengundang Anda ke {title}.',
    rsvp: 'Tempat mungkin terbatas. Jika Anda ingin datang, konfirmasi di halaman acara dan kami akan menyimpan tempat untuk Anda.',
    action: 'Lihat acara dan daftar',
    why: 'Anda menerima undangan ini karena penyelenggara memilih orang dengan latar belakang atau bahasa seperti Anda. Anda bisa mematikan undangan acara kapan saja.',
  },
};

export const eventInvitation = defineTemplate({
  kind: 'event-invitation',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const link = absoluteLink(publicUrl, payload.link);
    const values = { title: eventTitle(payload.event, locale), organisation: eventOrganiser(payload.event, locale) };
    const summary = payload.event.summary.trim();
    const blocks: Block[] = [
      para(greeting(locale, quotedText(payload.recipientName, locale))),
      para(fill(t.intro, values)),
      ...(summary === '' ? [] : [para(quotedText(summary, locale))]),
      eventDetails(payload.event, locale),
      para(t.rsvp),
      action(link, t.action, locale),
      note(t.why),
    ];
    return {
      ...compose({ context, subject: fill(t.subject, values), preheader: fill(t.preheader, values), blocks }),
      attachments: [eventCalendarAttachment(context, payload.event, 'PUBLISH', payload.recipientName)],
    };
  },
});
