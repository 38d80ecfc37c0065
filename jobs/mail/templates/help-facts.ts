// What the help-desk emails may say about a case: its tracking code, topic, urgency and
// languages, in the reader's language. Never the question, notes or messages: an email can be
// read by others (a shared phone, an employer), so the text stays behind the link.
import { Type } from 'typebox';
import { LANGUAGES, type UiLocale } from '../../../server/reference/data.ts';
import { HELP_TOPIC_NAMES, HELP_TOPICS, HELP_URGENCIES, HELP_URGENCY_NAMES } from '../../../server/reference/help.ts';
import { list, type Block } from './blocks.ts';
import { formatList, nameIn } from './format.ts';

export const TrackingCode = Type.String({ pattern: '^KF-[0-9A-Z]{4}-[0-9A-Z]{4}$' });
export const HelpTopicCode = Type.Enum(HELP_TOPICS);
export const HelpUrgencyCode = Type.Enum(HELP_URGENCIES);

const LABELS: Record<UiLocale, { heading: string; code: string; topic: string; urgency: string; languages: string }> = {
  en: { heading: 'About the request:', code: 'Tracking code', topic: 'Topic', urgency: 'Urgency', languages: 'Languages' },
  'zh-Hant': { heading: '求助資料：', code: '追蹤編號', topic: '主題', urgency: '緊急程度', languages: '語言' },
  tl: { heading: 'Tungkol sa request:', code: 'Tracking code', topic: 'Paksa', urgency: 'Gaano kaapurahan', languages: 'Mga wika' },
  id: { heading: 'Tentang permintaan ini:', code: 'Kode pelacakan', topic: 'Topik', urgency: 'Tingkat urgensi', languages: 'Bahasa' },
};

const languageNames = new Map(LANGUAGES.map((language) => [language.code, language.names]));

export function topicName(topic: (typeof HELP_TOPICS)[number], locale: UiLocale): string {
  return HELP_TOPIC_NAMES[topic][locale];
}

export function urgencyName(urgency: (typeof HELP_URGENCIES)[number], locale: UiLocale): string {
  return HELP_URGENCY_NAMES[urgency][locale];
}

/** The case's facts as a short list, for helpers and coordinators. */
export function caseFacts(
  facts: { trackingCode: string; topic: (typeof HELP_TOPICS)[number]; urgency: (typeof HELP_URGENCIES)[number]; languages: readonly string[] },
  locale: UiLocale,
): Block {
  const t = LABELS[locale];
  const separator = locale === 'zh-Hant' ? '：' : ': ';
  const languages = facts.languages.map((code) => {
    const names = languageNames.get(code);
    return names ? nameIn(names, locale) : code;
  });
  return list(t.heading, [
    `${t.code}${separator}${facts.trackingCode}`,
    `${t.topic}${separator}${topicName(facts.topic, locale)}`,
    `${t.urgency}${separator}${urgencyName(facts.urgency, locale)}`,
    ...(languages.length > 0 ? [`${t.languages}${separator}${formatList(languages, locale)}`] : []),
  ]);
}

const PRIVACY: Record<UiLocale, string> = {
  en: 'For the asker’s privacy, this email does not include what they wrote. Read it on Kaifong.',
  'zh-Hant': '為保障求助者私隱，這封電郵不會包括對方寫的內容。請到街坊閱讀。',
  tl: 'Para sa privacy ng humihingi ng tulong, hindi kasama sa email na ito ang isinulat niya. Basahin ito sa Kaifong.',
  id: 'Demi privasi peminta bantuan, email ini tidak memuat apa yang ia tulis. Bacalah di Kaifong.',
};

export function privacyNote(locale: UiLocale): string {
  return PRIVACY[locale];
}
