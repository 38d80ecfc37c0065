// The service directory's starter entries. Every fact here comes from
// ../shared/reference/hk-services.md (sources read in November 2026) and names its source.
// Wrong numbers harm people in crisis: a number the reference marks unconfirmed is kept with
// `confirmed: false`, which the API shows to editors (admins) only, never to the public; a
// contact the reference did not find is left out. Never add a number that is not there.
import type { HelpTopic, ServiceChannelKind, SourceKind } from './help.ts';
import type { UiLocale } from './data.ts';

export interface DirectoryChannel {
  kind: ServiceChannelKind;
  value: string;
  /** Which line or centre, when a service has several. */
  label?: string;
  /** The language this line is for (interpretation lines). */
  language?: string;
  note?: string;
  confirmed: boolean;
}

export interface DirectorySource {
  title: string;
  url: string | null;
  kind: SourceKind;
}

export interface DirectoryEntry {
  slug: string;
  name: string;
  nameZh?: string;
  /** What the service helps with; English always, other UI languages where written. */
  summary: Partial<Record<UiLocale, string>> & { en: string };
  topics: HelpTopic[];
  /** Languages the service answers in, as far as the source says; empty when it does not say. */
  languages: string[];
  /** As the source gives them; null when it does not say. */
  hours: string | null;
  channels: DirectoryChannel[];
  urgent: boolean;
  source: DirectorySource;
  checkedOn: string;
}

const CHECKED_ON = '2026-11';

const CSRP: DirectorySource = {
  title: 'HKU Centre for Suicide Research and Prevention, "Getting help"',
  url: 'https://csrp.hku.hk/getting-help/',
  kind: 'secondary',
};

const FDH_INTERPRETERS = 'interpreters for Tagalog, Bahasa Indonesia, Thai, Nepali, Hindi, Punjabi and Urdu 08:00–22:00 daily except public holidays';

export const DIRECTORY: readonly DirectoryEntry[] = [
  {
    slug: 'emergency-999',
    name: 'Emergency: police, fire, ambulance',
    summary: {
      en: 'Call when someone’s life or safety is in danger.',
      'zh-Hant': '有人生命或安全受威脅時致電。',
      tl: 'Tumawag kapag nasa panganib ang buhay o kaligtasan ng isang tao.',
      id: 'Hubungi jika nyawa atau keselamatan seseorang dalam bahaya.',
    },
    topics: ['criminal', 'wellbeing', 'shelter-basic-needs', 'other'],
    languages: [],
    hours: null,
    channels: [{ kind: 'phone', value: '999', confirmed: true }],
    urgent: true,
    source: CSRP,
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'labour-department-fdh-hotline',
    name: 'Labour Department hotline for foreign domestic helpers',
    summary: {
      en: 'Rights under your employment contract, complaints about employment agencies, and reporting exploitation or abuse.',
      'zh-Hant': '僱傭合約下的權益、投訴職業介紹所，以及舉報剝削或虐待。',
      tl: 'Mga karapatan mo sa kontrata, reklamo tungkol sa mga employment agency, at pag-report ng pang-aabuso o pagsasamantala.',
      id: 'Hak Anda menurut kontrak kerja, pengaduan tentang agen tenaga kerja, dan pelaporan eksploitasi atau kekerasan.',
    },
    topics: ['employment', 'criminal'],
    languages: ['yue', 'en', 'cmn', 'tl', 'id', 'th', 'ne', 'hi', 'pa', 'ur'],
    hours: `24 hours in Cantonese, English and Putonghua; ${FDH_INTERPRETERS}`,
    channels: [
      { kind: 'phone', value: '2157 9537', confirmed: true },
      { kind: 'email', value: 'fdh@labour.gov.hk', confirmed: true },
      { kind: 'website', value: 'https://www.fdh.labour.gov.hk', confirmed: true },
    ],
    urgent: true,
    source: { title: 'Labour Department, Employment Agencies Administration news (2018, item 65)', url: 'https://eaa.labour.gov.hk', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'labour-department-enquiries',
    name: 'Labour Department general enquiries',
    summary: { en: 'Questions about labour law and the Labour Department’s services.' },
    topics: ['employment'],
    languages: [],
    hours: '24 hours',
    channels: [{ kind: 'phone', value: '2717 1771', note: 'Calls are answered by 1823.', confirmed: true }],
    urgent: false,
    source: { title: 'Labour Department, telephone enquiries', url: 'https://labour.gov.hk/eng/tele/content.htm', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'immigration-department-enquiries',
    name: 'Immigration Department enquiries',
    summary: { en: 'Visas, extensions of stay and Hong Kong identity cards.' },
    topics: ['immigration'],
    languages: ['yue', 'cmn', 'en'],
    hours: null,
    channels: [{ kind: 'phone', value: '2824 6111', note: 'Menu in Cantonese, Putonghua and English.', confirmed: true }],
    urgent: false,
    source: { title: 'A copy of Immigration Department guide ID 911A', url: null, kind: 'secondary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'equal-opportunities-commission',
    name: 'Equal Opportunities Commission',
    summary: {
      en: 'Discrimination because of sex, disability, family status or race. Complaints are made in writing, normally within 12 months.',
    },
    topics: ['employment', 'civil'],
    languages: [],
    hours: null,
    channels: [{ kind: 'phone', value: '2511 8211', label: 'Enquiries', confirmed: true }],
    urgent: false,
    source: {
      title: 'Equal Opportunities Commission, complaints handling procedures',
      url: 'https://eoc.org.hk/en/enquiries-and-complaints/complaints-handling-procedures',
      kind: 'primary',
    },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'the-samaritans',
    name: 'The Samaritans',
    summary: {
      en: 'Someone to talk to when you feel distressed or think about suicide.',
      'zh-Hant': '感到困擾或有自殺念頭時，可以找人傾訴。',
      tl: 'May makakausap kapag nababagabag ka o naiisip mong magpakamatay.',
      id: 'Ada yang mendengarkan saat Anda tertekan atau berpikir untuk bunuh diri.',
    },
    topics: ['wellbeing'],
    languages: ['en', 'yue', 'cmn'],
    hours: '24 hours; English, Cantonese, Mandarin and other languages',
    channels: [{ kind: 'phone', value: '2896 0000', confirmed: true }],
    urgent: true,
    source: CSRP,
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'samaritan-befrienders-hong-kong',
    name: 'Samaritan Befrienders Hong Kong',
    summary: {
      en: 'Someone to talk to when you feel distressed.',
      'zh-Hant': '感到困擾時，可以找人傾訴。',
      tl: 'May makakausap kapag nababagabag ka.',
      id: 'Ada yang mendengarkan saat Anda tertekan.',
    },
    topics: ['wellbeing'],
    languages: ['yue', 'en'],
    hours: '24 hours',
    channels: [{ kind: 'phone', value: '2389 2222', confirmed: true }],
    urgent: true,
    source: CSRP,
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'suicide-prevention-services',
    name: 'Suicide Prevention Services',
    summary: { en: 'Someone to talk to when you feel distressed (in Cantonese).', 'zh-Hant': '感到困擾時，可以找人傾訴（廣東話）。' },
    topics: ['wellbeing'],
    languages: ['yue'],
    hours: null,
    channels: [{ kind: 'phone', value: '2382 0000', confirmed: true }],
    urgent: true,
    source: CSRP,
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'help-for-domestic-workers',
    name: 'HELP for Domestic Workers',
    summary: {
      en: 'Legal advice, counselling and emergency shelter support for domestic workers.',
      tl: 'Legal na payo, counselling at tulong sa emergency shelter para sa mga domestic worker.',
      id: 'Nasihat hukum, konseling dan bantuan tempat penampungan darurat bagi pekerja rumah tangga.',
    },
    topics: ['employment', 'civil', 'wellbeing', 'shelter-basic-needs'],
    languages: [],
    hours: null,
    channels: [
      { kind: 'website', value: 'https://helpfordomesticworkers.org', confirmed: true },
      { kind: 'phone', value: '2523 4020', note: 'From an older secondary source (pangyao.hk); not confirmed.', confirmed: false },
    ],
    urgent: false,
    source: { title: 'HELP for Domestic Workers, about HELP', url: 'https://helpfordomesticworkers.org/en/about-help/', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'mission-for-migrant-workers',
    name: 'Mission for Migrant Workers',
    summary: {
      en: 'Information, case support and shelter for migrant workers.',
      tl: 'Impormasyon, tulong sa kaso at matutuluyan para sa mga migranteng manggagawa.',
      id: 'Informasi, pendampingan kasus dan tempat penampungan bagi pekerja migran.',
    },
    topics: ['employment', 'shelter-basic-needs', 'other'],
    languages: [],
    hours: null,
    channels: [
      { kind: 'phone', value: '(852) 2522 8264', note: 'One of the two numbers may be a fax.', confirmed: true },
      { kind: 'phone', value: '(852) 2526 2894', note: 'One of the two numbers may be a fax.', confirmed: true },
      { kind: 'email', value: 'mission@migrants.net', confirmed: true },
    ],
    urgent: false,
    source: { title: 'Mission for Migrant Workers, our history', url: 'https://migrants.net/new/our-history/', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'bethune-house',
    name: 'Bethune House Migrant Women’s Refuge',
    summary: {
      en: 'Shelter for migrant women in crisis, in Jordan (about 35 places). Ask an adviser how to reach them.',
      tl: 'Matutuluyan para sa mga migranteng babae na nasa krisis, sa Jordan (mga 35 puwesto). Tanungin ang isang adviser kung paano sila makontak.',
      id: 'Tempat penampungan bagi perempuan migran dalam krisis, di Jordan (sekitar 35 tempat). Tanyakan kepada penasihat cara menghubungi mereka.',
    },
    topics: ['shelter-basic-needs'],
    languages: [],
    hours: null,
    channels: [
      { kind: 'phone', value: '9338 0035', note: 'Published as a donation contact; not confirmed for help.', confirmed: false },
      { kind: 'email', value: 'shelter@bethunehouse.org.hk', note: 'Published as a donation contact; not confirmed for help.', confirmed: false },
    ],
    urgent: false,
    source: { title: 'hongkongbuzz.hk (2024)', url: null, kind: 'secondary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'christian-action-migrant-domestic-workers',
    name: 'Christian Action, Centre for Migrant Domestic Workers',
    summary: { en: 'Centres, emergency shelter and counselling for migrant domestic workers.' },
    topics: ['shelter-basic-needs', 'wellbeing'],
    languages: [],
    hours: null,
    channels: [{ kind: 'website', value: 'https://christian-action.org.hk', confirmed: true }],
    urgent: false,
    source: { title: 'Christian Action', url: 'https://christian-action.org.hk', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'pathfinders',
    name: 'PathFinders',
    summary: {
      en: 'Support for pregnant migrant workers, mothers and babies.',
      tl: 'Tulong para sa mga buntis na migranteng manggagawa, mga ina at sanggol.',
      id: 'Dukungan bagi pekerja migran yang hamil, ibu dan bayi.',
    },
    topics: ['employment', 'wellbeing', 'shelter-basic-needs'],
    languages: [],
    hours: null,
    channels: [
      { kind: 'phone', value: '5190 4886', label: 'Hotline', note: 'As published around 2019.', confirmed: true },
      { kind: 'website', value: 'https://pathfinders.org.hk', confirmed: true },
    ],
    urgent: false,
    source: { title: 'PathFinders', url: 'https://pathfinders.org.hk', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'enrich-hk',
    name: 'Enrich HK',
    summary: { en: 'Financial education (in English and Bahasa Indonesia) and a counselling line for migrant domestic workers.' },
    topics: ['other', 'wellbeing'],
    languages: ['en', 'id'],
    hours: null,
    channels: [{ kind: 'website', value: 'https://enrichhk.org', confirmed: true }],
    urgent: false,
    source: { title: 'Enrich HK, our impact', url: 'https://enrichhk.org/programmes/our-impact/', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'justice-centre-hong-kong',
    name: 'Justice Centre Hong Kong',
    summary: { en: 'Help for refugees and for victims of trafficking and forced labour.' },
    topics: ['immigration', 'criminal', 'employment'],
    languages: [],
    hours: null,
    channels: [{ kind: 'website', value: 'https://justicecentre.org.hk', confirmed: true }],
    urgent: false,
    source: { title: 'Justice Centre Hong Kong, what we do', url: 'https://justicecentre.org.hk/what-we-do/', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'employment-agencies-administration',
    name: 'Employment Agencies Administration (Labour Department)',
    summary: {
      en: 'Complaints about employment agencies, including charging a job-seeker more than 10% of the first month’s wages.',
      tl: 'Reklamo tungkol sa mga employment agency, pati ang paniningil nang higit sa 10% ng sahod sa unang buwan.',
      id: 'Pengaduan tentang agen tenaga kerja, termasuk menagih lebih dari 10% gaji bulan pertama.',
    },
    topics: ['employment'],
    languages: [],
    hours: null,
    channels: [{ kind: 'website', value: 'https://eaa.labour.gov.hk/en/helpers.html', confirmed: true }],
    urgent: false,
    source: { title: 'Employment Agencies Administration, for helpers', url: 'https://eaa.labour.gov.hk/en/helpers.html', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'cheer-telephone-interpretation',
    name: 'CHEER free telephone interpretation (Hong Kong Christian Service)',
    summary: {
      en: 'Free telephone interpretation, one number per language.',
      'zh-Hant': '免費電話傳譯，每種語言一個號碼。',
      tl: 'Libreng interpretasyon sa telepono, isang numero bawat wika.',
      id: 'Penerjemahan gratis lewat telepon, satu nomor untuk setiap bahasa.',
    },
    topics: ['other'],
    languages: ['id', 'ne', 'ur', 'pa', 'tl', 'hi', 'vi'],
    hours: '08:00–22:00 daily except public holidays',
    channels: [
      { kind: 'phone', value: '3755 6811', language: 'id', label: 'Bahasa Indonesia', confirmed: true },
      { kind: 'phone', value: '3755 6822', language: 'ne', label: 'Nepali', confirmed: true },
      { kind: 'phone', value: '3755 6833', language: 'ur', label: 'Urdu', confirmed: true },
      { kind: 'phone', value: '3755 6844', language: 'pa', label: 'Punjabi', confirmed: true },
      { kind: 'phone', value: '3755 6855', language: 'tl', label: 'Tagalog', confirmed: true },
      { kind: 'phone', value: '3755 6866', language: 'th', label: 'Thai (probably)', note: 'The language of this line is not confirmed.', confirmed: false },
      { kind: 'phone', value: '3755 6877', language: 'hi', label: 'Hindi', confirmed: true },
      { kind: 'phone', value: '3755 6888', language: 'vi', label: 'Vietnamese', confirmed: true },
    ],
    urgent: false,
    source: { title: 'CHEER, Hong Kong Christian Service', url: 'https://hkcscheer.net', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'ethnic-minority-support-centres',
    name: 'Support centres for ethnic minorities (Home Affairs Department)',
    summary: {
      en: 'Language classes, integration programmes and counselling at centres including CHEER (Kwun Tong), HOPE (Wan Chai), SHINE (Tuen Mun and Jordan), HOME (Yau Ma Tei) and TOUCH (Tung Chung).',
    },
    topics: ['wellbeing', 'qualifications-jobs', 'other'],
    languages: [],
    hours: null,
    channels: [{ kind: 'phone', value: '2988 1422', label: 'TOUCH centre, Tung Chung', confirmed: true }],
    urgent: false,
    source: { title: 'news.gov.hk, 28 July 2024', url: 'https://news.gov.hk', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'hkcaavq-qualification-assessment',
    name: 'HKCAAVQ assessment of individual qualifications',
    summary: {
      en: 'Assesses a non-local qualification as a whole against a Hong Kong Qualifications Framework level (not memberships or work experience); also used for QMAS applications.',
      'zh-Hant': '把非本地資歷整體對照香港資歷架構的級別作評估（不評估會籍或工作經驗），亦用於 QMAS 申請。',
    },
    topics: ['qualifications-jobs'],
    languages: [],
    hours: null,
    channels: [{ kind: 'website', value: 'https://hkcaavq.edu.hk/en/services/assessment/individual-qualifications', confirmed: true }],
    urgent: false,
    source: {
      title: 'HKCAAVQ, assessment of individual qualifications',
      url: 'https://hkcaavq.edu.hk/en/services/assessment/individual-qualifications',
      kind: 'primary',
    },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'labour-department-employment-services',
    name: 'Labour Department employment services',
    summary: { en: 'Free job centres, a telephone service and the Interactive Employment Service.' },
    topics: ['qualifications-jobs'],
    languages: [],
    hours: null,
    channels: [{ kind: 'website', value: 'https://jobs.gov.hk', confirmed: true }],
    urgent: false,
    source: { title: 'Labour Department, Interactive Employment Service', url: 'https://jobs.gov.hk', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
  {
    slug: 'employees-retraining-board',
    name: 'Employees Retraining Board',
    summary: { en: 'Courses for ethnic minorities, some in English; full-time placement-tied courses are free.' },
    topics: ['qualifications-jobs'],
    languages: [],
    hours: null,
    channels: [{ kind: 'website', value: 'https://erb.org', confirmed: true }],
    urgent: false,
    source: { title: 'Employees Retraining Board', url: 'https://erb.org', kind: 'primary' },
    checkedOn: CHECKED_ON,
  },
];
