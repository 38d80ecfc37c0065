// To the first person on a waitlist when a seat frees up: the seat is theirs now.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, note, para, type Block } from './blocks.ts';
import { EventInfo, eventCalendarAttachment, eventDetails, eventTitle } from './event-blocks.ts';
import { greeting, quotedText } from './format.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  event: EventInfo,
  link: Type.String({ minLength: 1 }),
});

const TEXT: Record<UiLocale, { subject: string; preheader: string; intro: string; calendar: string; action: string; cantCome: string }> = {
  en: {
    subject: 'A seat opened up: you are going to {title}',
    preheader: 'You were next on the waitlist, so the seat is yours.',
    intro: 'Good news: a seat opened up at {title} and you were next on the waitlist. You are going now; there is nothing else to do.',
    calendar: 'The attached calendar file adds the event to your calendar.',
    action: 'See the event',
    cantCome: 'If you cannot come any more, please cancel on the event page so the next person can have the seat.',
  },
  'zh-Hant': {
    subject: '有座位空出：你現可參加「{title}」',
    preheader: '你是候補名單上的下一位，座位現在屬於你。',
    intro: '好消息！「{title}」有座位空出，而你是候補名單上的下一位。你現在已登記參加，不需要再做任何事。',
    calendar: '附上的日曆檔案可把活動加入你的日曆。',
    action: '查看活動',
    cantCome: '如果你未能出席，請在活動頁面取消登記，讓下一位可以參加。',
  },
  tl: {
    subject: 'May nabakanteng upuan: darating ka sa {title}',
    preheader: 'Ikaw ang susunod sa waitlist, kaya sa iyo na ang upuan.',
    intro: 'Magandang balita: may nabakanteng upuan sa {title} at ikaw ang susunod sa waitlist. Kasama ka na; wala ka nang kailangang gawin.',
    calendar: 'Idinadagdag ng nakalakip na calendar file ang event sa iyong calendar.',
    action: 'Tingnan ang event',
    cantCome: 'Kung hindi ka na makakarating, pakikansela sa pahina ng event para mapunta ang upuan sa susunod na tao.',
  },
  id: {
    subject: 'Ada tempat kosong: Anda akan hadir di {title}',
    preheader: 'Anda berikutnya di daftar tunggu, jadi tempat itu milik Anda.',
    intro: 'Kabar baik: ada tempat kosong di {title} dan Anda berikutnya di daftar tunggu. Anda sekarang terdaftar hadir; tidak ada lagi yang perlu dilakukan.',
    calendar: 'File kalender terlampir menambahkan acara ke kalender Anda.',
    action: 'Lihat acara',
    cantCome: 'Jika Anda tidak bisa datang lagi, batalkan di halaman acara agar orang berikutnya mendapat tempat.',
  },
};

export const waitlistPromotion = defineTemplate({
  kind: 'waitlist-promotion',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const link = absoluteLink(publicUrl, payload.link);
    const values = { title: eventTitle(payload.event, locale) };
    const blocks: Block[] = [
      para(greeting(locale, quotedText(payload.recipientName, locale))),
      para(fill(t.intro, values)),
      eventDetails(payload.event, locale),
      para(t.calendar),
      action(link, t.action, locale),
      note(t.cantCome),
    ];
    return {
      ...compose({ context, subject: fill(t.subject, values), preheader: fill(t.preheader, values), blocks }),
      attachments: [eventCalendarAttachment(context, payload.event, 'REQUEST', payload.recipientName)],
    };
  },
});
