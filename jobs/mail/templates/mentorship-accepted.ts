// To a migrant: the mentor said yes. Contact details are shared from now on (never before).
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, list, para, type Block } from './blocks.ts';
import { greeting, quotedText } from './format.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  mentorName: Type.String(),
  mentorEmail: Type.String(),
  mentorPhone: Type.Union([Type.String(), Type.Null()]),
  link: Type.String({ minLength: 1 }),
});

const TEXT: Record<
  UiLocale,
  {
    subject: string;
    preheader: string;
    intro: string;
    contactHeading: string;
    email: string;
    phone: string;
    next: string;
    action: string;
  }
> = {
  en: {
    subject: '{mentor} accepted your request',
    preheader: 'Good news: you can now contact {mentor}.',
    intro: 'Good news: {mentor} accepted your mentoring request.',
    contactHeading: 'You can now contact them directly:',
    email: 'Email: {email}',
    phone: 'Phone: {phone}',
    next: 'Say hello and suggest a first meeting. A short message with a few times that suit you is enough.',
    action: 'See your mentorship',
  },
  'zh-Hant': {
    subject: '{mentor} 接受了你的請求',
    preheader: '好消息：你現在可以聯絡 {mentor}。',
    intro: '好消息！{mentor} 接受了你的導師請求。',
    contactHeading: '你現在可以直接聯絡對方：',
    email: '電郵：{email}',
    phone: '電話：{phone}',
    next: '打個招呼，並提議第一次見面。寫幾個你方便的時間就可以了。',
    action: '查看你的導師配對',
  },
  tl: {
    subject: 'Tinanggap ni {mentor} ang iyong kahilingan',
    preheader: 'Magandang balita: puwede mo nang kontakin si {mentor}.',
    intro: 'Magandang balita: tinanggap ni {mentor} ang iyong kahilingan na maging mentor mo siya.',
    contactHeading: 'Puwede mo na siyang kontakin nang direkta:',
    email: 'Email: {email}',
    phone: 'Telepono: {phone}',
    next: 'Bumati at magmungkahi ng unang pagkikita. Sapat na ang maikling mensahe na may ilang oras na bagay sa iyo.',
    action: 'Tingnan ang iyong mentorship',
  },
  id: {
    subject: '{mentor} menerima permintaan Anda',
    preheader: 'Kabar baik: sekarang Anda bisa menghubungi {mentor}.',
    intro: 'Kabar baik: {mentor} menerima permintaan Anda untuk menjadi mentor Anda.',
    contactHeading: 'Sekarang Anda bisa menghubunginya langsung:',
    email: 'Email: {email}',
    phone: 'Telepon: {phone}',
    next: 'Sapa dia dan usulkan pertemuan pertama. Pesan singkat dengan beberapa waktu yang cocok untuk Anda sudah cukup.',
    action: 'Lihat mentorship Anda',
  },
};

export const mentorshipAccepted = defineTemplate({
  kind: 'mentorship-accepted',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const link = absoluteLink(publicUrl, payload.link);
    const mentor = quotedText(payload.mentorName.trim(), locale);
    const phone = payload.mentorPhone?.trim() ?? '';
    // Shown as text, not mailto:/tel: links: every link in a Kaifong email is on the site.
    const contacts = [
      fill(t.email, { email: quotedText(payload.mentorEmail.trim(), locale) }),
      ...(phone === '' ? [] : [fill(t.phone, { phone: quotedText(phone, locale) })]),
    ];
    const blocks: Block[] = [
      para(greeting(locale, quotedText(payload.recipientName, locale))),
      para(fill(t.intro, { mentor })),
      list(t.contactHeading, contacts),
      para(t.next),
      action(link, t.action, locale),
    ];
    return compose({ context, subject: fill(t.subject, { mentor }), preheader: fill(t.preheader, { mentor }), blocks });
  },
});
