// To people going and waiting: the organiser cancelled the event, with their message. The
// .ics (METHOD:CANCEL, higher SEQUENCE) takes it out of calendars.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, para, quote, type Block } from './blocks.ts';
import { EventInfo, eventCalendarAttachment, eventOrganiser, eventTime, eventTitle } from './event-blocks.ts';
import { greeting, quotedText } from './format.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  event: EventInfo,
  /** The organiser's words to attendees; may be empty. */
  message: Type.String(),
  /** Where to find other events. */
  link: Type.String({ minLength: 1 }),
  status: Type.Union([Type.Literal('going'), Type.Literal('waitlisted')]),
});

const TEXT: Record<
  UiLocale,
  { subject: string; preheader: string; intro: string; theirMessage: string; going: string; waiting: string; action: string }
> = {
  en: {
    subject: 'Cancelled: {title}',
    preheader: '{organisation} cancelled this event.',
    intro: '{organisation} cancelled {title}, which was planned for {when}.',
    theirMessage: 'Their message:',
    going: 'Your RSVP is cancelled too; there is nothing you need to do. The attached calendar file removes the event from your calendar.',
    waiting: 'Your place on the waitlist is cancelled too; there is nothing you need to do.',
    action: 'Find other events',
  },
  'zh-Hant': {
    subject: '活動取消：{title}',
    preheader: '{organisation} 已取消這個活動。',
    intro: '{organisation} 已取消原定於 {when} 舉行的「{title}」。',
    theirMessage: '主辦機構的留言：',
    going: '你的登記亦已一併取消，你不需要做任何事。附上的日曆檔案會從你的日曆中移除這個活動。',
    waiting: '你在候補名單上的位置亦已一併取消，你不需要做任何事。',
    action: '查看其他活動',
  },
  tl: {
    subject: 'Kinansela: {title}',
    preheader: 'Kinansela ng {organisation} ang event na ito.',
    intro: 'Kinansela ng {organisation} ang {title}, na nakatakda sana sa {when}.',
    theirMessage: 'Ang kanilang mensahe:',
    going: 'Kinansela na rin ang RSVP mo; wala kang kailangang gawin. Tinatanggal ng nakalakip na calendar file ang event sa iyong calendar.',
    waiting: 'Kinansela na rin ang puwesto mo sa waitlist; wala kang kailangang gawin.',
    action: 'Maghanap ng ibang event',
  },
  id: {
    subject: 'Dibatalkan: {title}',
    preheader: '{organisation} membatalkan acara ini.',
    intro: '{organisation} membatalkan {title}, yang direncanakan pada {when}.',
    theirMessage: 'Pesan mereka:',
    going: 'Pendaftaran Anda juga dibatalkan; Anda tidak perlu melakukan apa pun. File kalender terlampir menghapus acara dari kalender Anda.',
    waiting: 'Tempat Anda di daftar tunggu juga dibatalkan; Anda tidak perlu melakukan apa pun.',
    action: 'Cari acara lain',
  },
};

export const eventCancelled = defineTemplate({
  kind: 'event-cancelled',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const link = absoluteLink(publicUrl, payload.link);
    const values = {
      title: eventTitle(payload.event, locale),
      organisation: eventOrganiser(payload.event, locale),
      when: eventTime(payload.event, locale),
    };
    const message = payload.message.trim();
    const blocks: Block[] = [
      para(greeting(locale, quotedText(payload.recipientName, locale))),
      para(fill(t.intro, values)),
      ...(message === '' ? [] : quote(t.theirMessage, quotedText(message, locale))),
      para(payload.status === 'going' ? t.going : t.waiting),
      action(link, t.action, locale),
    ];
    return {
      ...compose({ context, subject: fill(t.subject, values), preheader: fill(t.preheader, values), blocks }),
      attachments: [eventCalendarAttachment(context, payload.event, 'CANCEL', payload.recipientName)],
    };
  },
});
