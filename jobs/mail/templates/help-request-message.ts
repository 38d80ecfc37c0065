// To the person who asked for help: there is a reply. The reply itself stays behind the private
// link, so someone else reading this inbox learns nothing from the email.
import { Type } from 'typebox';
import type { UiLocale } from '../../../server/reference/data.ts';
import { action, compose, note, para } from './blocks.ts';
import { greeting } from './format.ts';
import { TrackingCode } from './help-facts.ts';
import { absoluteLink, defineTemplate, fill } from './template.ts';

const Payload = Type.Object({
  trackingCode: TrackingCode,
  link: Type.String({ minLength: 1 }),
});

const TEXT: Record<UiLocale, { subject: string; preheader: string; intro: string; action: string; keepPrivate: string }> = {
  en: {
    subject: 'You have a new reply ({code})',
    preheader: 'Read it on Kaifong.',
    intro: 'There is a new reply about your request {code}. For your privacy it is not in this email. Read it and answer here:',
    action: 'Read the reply',
    keepPrivate: 'Keep this link to yourself: anyone who has it can read your request.',
  },
  'zh-Hant': {
    subject: '你有新的回覆（{code}）',
    preheader: '請到街坊閱讀。',
    intro: '你的求助 {code} 有新的回覆。為保障你的私隱，回覆內容不會放在這封電郵裏。請在這裡閱讀及回覆：',
    action: '閱讀回覆',
    keepPrivate: '請不要把這條連結給別人：任何人有這條連結都可以看到你的求助。',
  },
  tl: {
    subject: 'May bagong sagot para sa iyo ({code})',
    preheader: 'Basahin ito sa Kaifong.',
    intro: 'May bagong sagot tungkol sa request mo na {code}. Para sa privacy mo, wala ito sa email na ito. Basahin at sagutin ito dito:',
    action: 'Basahin ang sagot',
    keepPrivate: 'Huwag ibigay sa iba ang link na ito: mababasa ng sinumang may hawak nito ang request mo.',
  },
  id: {
    subject: 'Ada balasan baru untuk Anda ({code})',
    preheader: 'Bacalah di Kaifong.',
    intro: 'Ada balasan baru untuk permintaan Anda {code}. Demi privasi Anda, balasan itu tidak ada di email ini. Baca dan jawab di sini:',
    action: 'Baca balasan',
    keepPrivate: 'Jangan berikan tautan ini kepada orang lain: siapa pun yang memilikinya bisa membaca permintaan Anda.',
  },
};

export const helpRequestMessage = defineTemplate({
  kind: 'help-request-message',
  payload: Payload,
  render(context) {
    const { payload, locale, publicUrl } = context;
    const t = TEXT[locale];
    const values = { code: payload.trackingCode };
    return compose({
      context,
      subject: fill(t.subject, values),
      preheader: t.preheader,
      blocks: [
        para(greeting(locale, '')),
        para(fill(t.intro, values)),
        action(absoluteLink(publicUrl, payload.link), t.action, locale),
        note(t.keepPrivate),
      ],
    });
  },
});
