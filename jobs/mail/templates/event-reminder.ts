// To people going: 24 h before (a late one, sent by the sweep, may come later: no "tomorrow" in
// it) and 2 h before. Optional: people can turn reminders off.
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
  which: Type.Union([Type.Literal('24h'), Type.Literal('2h')]),
});

const TEXT: Record<
  UiLocale,
  { daySubject: string; dayIntro: string; soonSubject: string; soonIntro: string; preheader: string; action: string; cantCome: string }
> = {
  en: {
    daySubject: 'Reminder: {title}',
    dayIntro: 'A reminder that you are going to {title}. Here are the details again.',
    soonSubject: 'Starting soon: {title}',
    soonIntro: '{title} starts in about two hours. See you there!',
    preheader: 'When and where, in one place.',
    action: 'See the event',
    cantCome: 'If you cannot come, please cancel on the event page: someone on the waitlist may still take your seat.',
  },
  'zh-Hant': {
    daySubject: '活動提醒：{title}',
    dayIntro: '提提你：你已登記參加「{title}」。以下再列出活動資料。',
    soonSubject: '即將開始：{title}',
    soonIntro: '「{title}」大約兩小時後開始，到時見！',
    preheader: '時間和地點一覽。',
    action: '查看活動',
    cantCome: '如果你未能出席，請在活動頁面取消登記：候補名單上的人仍可補上你的座位。',
  },
  tl: {
    daySubject: 'Paalala: {title}',
    dayIntro: 'Paalala na dadalo ka sa {title}. Narito ulit ang mga detalye.',
    soonSubject: 'Malapit nang magsimula: {title}',
    soonIntro: 'Magsisimula ang {title} sa loob ng mga dalawang oras. Kita tayo roon!',
    preheader: 'Kailan at saan, nasa isang lugar.',
    action: 'Tingnan ang event',
    cantCome: 'Kung hindi ka makakarating, pakikansela sa pahina ng event: puwede pang kunin ng nasa waitlist ang upuan mo.',
  },
  id: {
    daySubject: 'Pengingat: {title}',
    dayIntro: 'Pengingat bahwa Anda terdaftar hadir di {title}. Berikut detailnya sekali lagi.',
    soonSubject: 'Segera dimulai: {title}',
    soonIntro: '{title} dimulai sekitar dua jam lagi. Sampai jumpa di sana!',
    preheader: 'Waktu dan tempat, dalam satu tempat.',
    action: 'Lihat acara',
    cantCome: 'Jika Anda tidak bisa datang, batalkan di halaman acara: orang di daftar tunggu masih bisa mengambil tempat Anda.',
  },
};

export const eventReminder = defineTemplate({
  kind: 'event-reminder',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const link = absoluteLink(publicUrl, payload.link);
    const values = { title: eventTitle(payload.event, locale) };
    const day = payload.which === '24h';
    const blocks: Block[] = [
      para(greeting(locale, quotedText(payload.recipientName, locale))),
      para(fill(day ? t.dayIntro : t.soonIntro, values)),
      eventDetails(payload.event, locale),
      action(link, t.action, locale),
      note(t.cantCome),
    ];
    return {
      ...compose({ context, subject: fill(day ? t.daySubject : t.soonSubject, values), preheader: t.preheader, blocks }),
      attachments: [eventCalendarAttachment(context, payload.event, 'REQUEST', payload.recipientName)],
    };
  },
});
