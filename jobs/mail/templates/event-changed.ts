// To people going (and waiting): the organiser moved the event in time or place. The .ics
// carries a higher SEQUENCE, so calendars update the entry they already have.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, note, para, type Block } from './blocks.ts';
import {
  EventInfo,
  EventPlaceAndTime,
  eventCalendarAttachment,
  eventDetails,
  eventOrganiser,
  eventTitle,
  placeAndTime,
} from './event-blocks.ts';
import { greeting, quotedText } from './format.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  event: EventInfo,
  previous: EventPlaceAndTime,
  link: Type.String({ minLength: 1 }),
  status: Type.Union([Type.Literal('going'), Type.Literal('waitlisted')]),
});

const TEXT: Record<
  UiLocale,
  { subject: string; preheader: string; intro: string; now: string; before: string; going: string; waiting: string; action: string; cantCome: string }
> = {
  en: {
    subject: 'Changed: {title}',
    preheader: 'The time or place has changed. Here are the new details.',
    intro: '{organisation} changed the time or place of {title}.',
    now: 'The new details:',
    before: 'Before the change:',
    going: 'Your seat is still booked. The attached calendar file updates the event in your calendar, and reminders follow the new time.',
    waiting: 'You are still on the waitlist. We will email you if a seat frees up.',
    action: 'See the event',
    cantCome: 'If the new time does not suit you, please cancel on the event page so someone else can have the seat.',
  },
  'zh-Hant': {
    subject: '活動有變：{title}',
    preheader: '時間或地點已更改，以下是最新資料。',
    intro: '{organisation} 更改了「{title}」的時間或地點。',
    now: '最新資料：',
    before: '更改前：',
    going: '你的座位仍然保留。附上的日曆檔案會更新你日曆中的活動，提醒亦會按新時間發出。',
    waiting: '你仍在候補名單上。如有座位空出，我們會以電郵通知你。',
    action: '查看活動',
    cantCome: '如果新時間不適合你，請在活動頁面取消登記，讓其他人可以參加。',
  },
  tl: {
    subject: 'May pagbabago: {title}',
    preheader: 'Nagbago ang oras o lugar. Narito ang mga bagong detalye.',
    intro: 'Binago ng {organisation} ang oras o lugar ng {title}.',
    now: 'Ang mga bagong detalye:',
    before: 'Bago ang pagbabago:',
    going: 'Naka-book pa rin ang upuan mo. Ina-update ng nakalakip na calendar file ang event sa iyong calendar, at susunod sa bagong oras ang mga paalala.',
    waiting: 'Nasa waitlist ka pa rin. Mag-e-email kami kapag may nabakanteng upuan.',
    action: 'Tingnan ang event',
    cantCome: 'Kung hindi bagay sa iyo ang bagong oras, pakikansela sa pahina ng event para magamit ng iba ang upuan.',
  },
  id: {
    subject: 'Berubah: {title}',
    preheader: 'Waktu atau tempat berubah. Ini detail terbarunya.',
    intro: '{organisation} mengubah waktu atau tempat {title}.',
    now: 'Detail terbaru:',
    before: 'Sebelum perubahan:',
    going: 'Tempat Anda tetap dipesan. File kalender terlampir memperbarui acara di kalender Anda, dan pengingat mengikuti waktu yang baru.',
    waiting: 'Anda masih di daftar tunggu. Kami akan mengirim email jika ada tempat kosong.',
    action: 'Lihat acara',
    cantCome: 'Jika waktu yang baru tidak cocok, batalkan di halaman acara agar orang lain bisa mendapat tempat.',
  },
};

export const eventChanged = defineTemplate({
  kind: 'event-changed',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const link = absoluteLink(publicUrl, payload.link);
    const going = payload.status === 'going';
    const values = { title: eventTitle(payload.event, locale), organisation: eventOrganiser(payload.event, locale) };
    const blocks: Block[] = [
      para(greeting(locale, quotedText(payload.recipientName, locale))),
      para(fill(t.intro, values)),
      para(t.now),
      eventDetails(payload.event, locale),
      placeAndTime(t.before, payload.previous, locale),
      para(going ? t.going : t.waiting),
      action(link, t.action, locale),
      ...(going ? [note(t.cantCome)] : []),
    ];
    return {
      ...compose({ context, subject: fill(t.subject, values), preheader: t.preheader, blocks }),
      attachments: [eventCalendarAttachment(context, payload.event, going ? 'REQUEST' : 'PUBLISH', payload.recipientName)],
    };
  },
});
