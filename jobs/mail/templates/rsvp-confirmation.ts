// To someone who said they are coming: a seat (with the .ics for their calendar), or a place
// on the waitlist with its number.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, note, para, type Block } from './blocks.ts';
import { EventInfo, eventCalendarAttachment, eventDetails, eventTitle } from './event-blocks.ts';
import { greeting, quotedText } from './format.ts';
import { absoluteLink, defineTemplate, fill, TemplateError } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  event: EventInfo,
  link: Type.String({ minLength: 1 }),
  status: Type.Union([Type.Literal('going'), Type.Literal('waitlisted')]),
  /** The place in the waitlist when waitlisted (1 is next). */
  position: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
});

const TEXT: Record<
  UiLocale,
  {
    goingSubject: string;
    goingPreheader: string;
    going: string;
    calendar: string;
    waitSubject: string;
    waitPreheader: string;
    waiting: string;
    waitNext: string;
    action: string;
    cantCome: string;
  }
> = {
  en: {
    goingSubject: 'You are going: {title}',
    goingPreheader: 'Your seat is booked. The calendar file is attached.',
    going: 'Your seat is booked. See you at {title}!',
    calendar: 'The attached calendar file adds the event to your calendar. We will also remind you a day before and two hours before.',
    waitSubject: 'You are on the waitlist: {title}',
    waitPreheader: 'You are number {position} on the waitlist.',
    waiting: '{title} is full at the moment. You are number {position} on the waitlist.',
    waitNext: 'If a seat frees up, it goes to the next person on the waitlist and we email them at once. You do not need to do anything.',
    action: 'See the event',
    cantCome: 'If you cannot come after all, please cancel on the event page so someone else can have the seat.',
  },
  'zh-Hant': {
    goingSubject: '你已登記參加：{title}',
    goingPreheader: '已為你保留座位。附上日曆檔案。',
    going: '已為你保留座位。「{title}」見！',
    calendar: '附上的日曆檔案可把活動加入你的日曆。我們亦會在活動前一天及兩小時前提醒你。',
    waitSubject: '你已加入候補名單：{title}',
    waitPreheader: '你是候補名單上第 {position} 位。',
    waiting: '「{title}」暫時已滿。你是候補名單上第 {position} 位。',
    waitNext: '如有座位空出，會交給候補名單上的下一位，我們會立即以電郵通知對方。你不需要做任何事。',
    action: '查看活動',
    cantCome: '如果你最後未能出席，請在活動頁面取消登記，讓其他人可以參加。',
  },
  tl: {
    goingSubject: 'Darating ka: {title}',
    goingPreheader: 'Naka-book na ang upuan mo. Nakalakip ang calendar file.',
    going: 'Naka-book na ang upuan mo. Kita tayo sa {title}!',
    calendar: 'Idinadagdag ng nakalakip na calendar file ang event sa iyong calendar. Paaalalahanan ka rin namin isang araw bago at dalawang oras bago.',
    waitSubject: 'Nasa waitlist ka: {title}',
    waitPreheader: 'Ikaw ang numero {position} sa waitlist.',
    waiting: 'Puno ang {title} sa ngayon. Ikaw ang numero {position} sa waitlist.',
    waitNext: 'Kapag may nabakanteng upuan, mapupunta ito sa susunod na tao sa waitlist at agad namin siyang i-email. Wala kang kailangang gawin.',
    action: 'Tingnan ang event',
    cantCome: 'Kung hindi ka na makakarating, pakikansela sa pahina ng event para magamit ng iba ang upuan.',
  },
  id: {
    goingSubject: 'Anda akan hadir: {title}',
    goingPreheader: 'Tempat Anda sudah dipesan. File kalender terlampir.',
    going: 'Tempat Anda sudah dipesan. Sampai jumpa di {title}!',
    calendar: 'File kalender terlampir menambahkan acara ke kalender Anda. Kami juga akan mengingatkan Anda sehari sebelumnya dan dua jam sebelumnya.',
    waitSubject: 'Anda masuk daftar tunggu: {title}',
    waitPreheader: 'Anda nomor {position} di daftar tunggu.',
    waiting: '{title} sedang penuh. Anda nomor {position} di daftar tunggu.',
    waitNext: 'Jika ada tempat kosong, tempat itu diberikan ke orang berikutnya di daftar tunggu dan kami langsung mengirim email kepadanya. Anda tidak perlu melakukan apa pun.',
    action: 'Lihat acara',
    cantCome: 'Jika Anda ternyata tidak bisa datang, batalkan di halaman acara agar orang lain bisa mendapat tempat.',
  },
};

export const rsvpConfirmation = defineTemplate({
  kind: 'rsvp-confirmation',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const link = absoluteLink(publicUrl, payload.link);
    const going = payload.status === 'going';
    if (!going && payload.position === null) throw new TemplateError('A waitlisted rsvp-confirmation needs its position.');
    const values = { title: eventTitle(payload.event, locale), position: payload.position ?? 0 };
    const blocks: Block[] = [
      para(greeting(locale, quotedText(payload.recipientName, locale))),
      ...(going ? [para(fill(t.going, values))] : [para(fill(t.waiting, values)), para(t.waitNext)]),
      eventDetails(payload.event, locale),
      ...(going ? [para(t.calendar)] : []),
      action(link, t.action, locale),
      note(t.cantCome),
    ];
    return {
      ...compose({
        context,
        subject: fill(going ? t.goingSubject : t.waitSubject, values),
        preheader: fill(going ? t.goingPreheader : t.waitPreheader, values),
        blocks,
      }),
      attachments: [eventCalendarAttachment(context, payload.event, going ? 'REQUEST' : 'PUBLISH', payload.recipientName)],
    };
  },
});
