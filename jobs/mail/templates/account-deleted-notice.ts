// To the other person of a mentorship or request: that person closed their account, so it has ended.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, para } from './blocks.ts';
import { greeting, quotedText } from './format.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  recipientName: Type.String(),
  otherName: Type.Union([Type.String(), Type.Null()]),
});

const MENTORS_PAGE = '/mentors';

const TEXT: Record<
  UiLocale,
  {
    subject: string;
    preheaderNamed: string;
    preheader: string;
    introNamed: string;
    intro: string;
    body: string;
    findMentor: string;
    action: string;
  }
> = {
  en: {
    subject: 'A mentorship on Kaifong has ended',
    preheaderNamed: '{other} closed their Kaifong account.',
    preheader: 'Someone closed their Kaifong account.',
    introNamed: '{other} closed their Kaifong account, so your mentorship or request with them has ended.',
    intro: 'Someone you had a mentorship or a request with closed their Kaifong account, so it has ended.',
    body: 'You do not need to do anything.',
    findMentor: 'If you are looking for a mentor, you can find another one on Kaifong.',
    action: 'Find a mentor',
  },
  'zh-Hant': {
    subject: '你在街坊的一段導師配對已經結束',
    preheaderNamed: '{other} 已關閉街坊帳戶。',
    preheader: '有用戶關閉了街坊帳戶。',
    introNamed: '{other} 已關閉街坊帳戶，所以你們之間的導師配對或請求已經結束。',
    intro: '一位與你有導師配對或請求的用戶已關閉街坊帳戶，所以配對或請求已經結束。',
    body: '你不需要做任何事。',
    findMentor: '如果你正在尋找導師，可以在街坊找其他導師。',
    action: '尋找導師',
  },
  tl: {
    subject: 'Natapos na ang isang mentorship sa Kaifong',
    preheaderNamed: 'Isinara ni {other} ang Kaifong account niya.',
    preheader: 'May nagsara ng Kaifong account niya.',
    introNamed: 'Isinara ni {other} ang Kaifong account niya, kaya tapos na ang inyong mentorship o kahilingan.',
    intro: 'Isinara ng isang taong may mentorship o kahilingan sa iyo ang Kaifong account niya, kaya tapos na ito.',
    body: 'Wala kang kailangang gawin.',
    findMentor: 'Kung naghahanap ka ng mentor, makakahanap ka ng iba sa Kaifong.',
    action: 'Maghanap ng mentor',
  },
  id: {
    subject: 'Sebuah mentorship di Kaifong telah berakhir',
    preheaderNamed: '{other} menutup akun Kaifong-nya.',
    preheader: 'Seseorang menutup akun Kaifong-nya.',
    introNamed: '{other} menutup akun Kaifong-nya, jadi mentorship atau permintaan Anda dengannya telah berakhir.',
    intro: 'Seseorang yang punya mentorship atau permintaan dengan Anda menutup akun Kaifong-nya, jadi itu telah berakhir.',
    body: 'Anda tidak perlu melakukan apa pun.',
    findMentor: 'Jika Anda sedang mencari mentor, Anda bisa menemukan mentor lain di Kaifong.',
    action: 'Cari mentor',
  },
};

export const accountDeletedNotice = defineTemplate({
  kind: 'account-deleted-notice',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const other = quotedText(payload.otherName?.trim() ?? '', locale);
    const named = other !== '';
    return compose({
      context,
      subject: t.subject,
      preheader: named ? fill(t.preheaderNamed, { other }) : t.preheader,
      blocks: [
        para(greeting(locale, quotedText(payload.recipientName, locale))),
        para(named ? fill(t.introNamed, { other }) : t.intro),
        para(t.body),
        para(t.findMentor),
        action(absoluteLink(publicUrl, MENTORS_PAGE), t.action, locale),
      ],
    });
  },
});
