// Reference vocabularies of DESIGN.md. Codes are stable slugs: stored in the database,
// sent over the API and translated by the web. Names: en, zh-Hant, tl (Tagalog), id (Bahasa Indonesia).

export const UI_LOCALES = ['en', 'zh-Hant', 'tl', 'id'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

export interface Names {
  en: string;
  'zh-Hant': string;
  tl?: string;
  id?: string;
}

export const REGIONS = ['hong-kong-island', 'kowloon', 'new-territories', 'online'] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_NAMES: Record<Region, Names> = {
  'hong-kong-island': { en: 'Hong Kong Island', 'zh-Hant': '香港島', tl: 'Hong Kong Island', id: 'Pulau Hong Kong' },
  kowloon: { en: 'Kowloon', 'zh-Hant': '九龍', tl: 'Kowloon', id: 'Kowloon' },
  'new-territories': { en: 'New Territories', 'zh-Hant': '新界', tl: 'New Territories', id: 'New Territories' },
  online: { en: 'Online', 'zh-Hant': '網上', tl: 'Online', id: 'Daring' },
};

export interface District {
  code: string;
  region: Region;
  names: Names;
}

// The 18 districts (source: ../shared/reference/hk-services.md), plus online.
export const DISTRICTS: readonly District[] = [
  { code: 'central-and-western', region: 'hong-kong-island', names: { en: 'Central and Western', 'zh-Hant': '中西區' } },
  { code: 'wan-chai', region: 'hong-kong-island', names: { en: 'Wan Chai', 'zh-Hant': '灣仔區' } },
  { code: 'eastern', region: 'hong-kong-island', names: { en: 'Eastern', 'zh-Hant': '東區' } },
  { code: 'southern', region: 'hong-kong-island', names: { en: 'Southern', 'zh-Hant': '南區' } },
  { code: 'yau-tsim-mong', region: 'kowloon', names: { en: 'Yau Tsim Mong', 'zh-Hant': '油尖旺區' } },
  { code: 'sham-shui-po', region: 'kowloon', names: { en: 'Sham Shui Po', 'zh-Hant': '深水埗區' } },
  { code: 'kowloon-city', region: 'kowloon', names: { en: 'Kowloon City', 'zh-Hant': '九龍城區' } },
  { code: 'wong-tai-sin', region: 'kowloon', names: { en: 'Wong Tai Sin', 'zh-Hant': '黃大仙區' } },
  { code: 'kwun-tong', region: 'kowloon', names: { en: 'Kwun Tong', 'zh-Hant': '觀塘區' } },
  { code: 'kwai-tsing', region: 'new-territories', names: { en: 'Kwai Tsing', 'zh-Hant': '葵青區' } },
  { code: 'tsuen-wan', region: 'new-territories', names: { en: 'Tsuen Wan', 'zh-Hant': '荃灣區' } },
  { code: 'tuen-mun', region: 'new-territories', names: { en: 'Tuen Mun', 'zh-Hant': '屯門區' } },
  { code: 'yuen-long', region: 'new-territories', names: { en: 'Yuen Long', 'zh-Hant': '元朗區' } },
  { code: 'north', region: 'new-territories', names: { en: 'North', 'zh-Hant': '北區' } },
  { code: 'tai-po', region: 'new-territories', names: { en: 'Tai Po', 'zh-Hant': '大埔區' } },
  { code: 'sha-tin', region: 'new-territories', names: { en: 'Sha Tin', 'zh-Hant': '沙田區' } },
  { code: 'sai-kung', region: 'new-territories', names: { en: 'Sai Kung', 'zh-Hant': '西貢區' } },
  { code: 'islands', region: 'new-territories', names: { en: 'Islands', 'zh-Hant': '離島區' } },
  { code: 'online', region: 'online', names: { en: 'Online', 'zh-Hant': '網上', tl: 'Online', id: 'Daring' } },
];

export interface Language {
  code: string;
  names: Names;
  /** The language's name in itself, for language pickers. */
  endonym: string;
}

// BCP 47 primary subtags; Cantonese (yue) and Mandarin (cmn) kept apart.
export const LANGUAGES: readonly Language[] = [
  { code: 'yue', endonym: '廣東話', names: { en: 'Cantonese', 'zh-Hant': '廣東話', tl: 'Cantonese', id: 'Kanton' } },
  { code: 'cmn', endonym: '普通話', names: { en: 'Mandarin', 'zh-Hant': '普通話', tl: 'Mandarin', id: 'Mandarin' } },
  { code: 'en', endonym: 'English', names: { en: 'English', 'zh-Hant': '英文', tl: 'Ingles', id: 'Inggris' } },
  { code: 'tl', endonym: 'Tagalog', names: { en: 'Tagalog', 'zh-Hant': '他加祿語', tl: 'Tagalog', id: 'Tagalog' } },
  { code: 'id', endonym: 'Bahasa Indonesia', names: { en: 'Indonesian', 'zh-Hant': '印尼語', tl: 'Indonesian', id: 'Bahasa Indonesia' } },
  { code: 'hi', endonym: 'हिन्दी', names: { en: 'Hindi', 'zh-Hant': '印地語', tl: 'Hindi', id: 'Hindi' } },
  { code: 'ur', endonym: 'اردو', names: { en: 'Urdu', 'zh-Hant': '烏爾都語', tl: 'Urdu', id: 'Urdu' } },
  { code: 'ne', endonym: 'नेपाली', names: { en: 'Nepali', 'zh-Hant': '尼泊爾語', tl: 'Nepali', id: 'Nepal' } },
  { code: 'pa', endonym: 'ਪੰਜਾਬੀ', names: { en: 'Punjabi', 'zh-Hant': '旁遮普語', tl: 'Punjabi', id: 'Punjabi' } },
  { code: 'th', endonym: 'ไทย', names: { en: 'Thai', 'zh-Hant': '泰語', tl: 'Thai', id: 'Thai' } },
  { code: 'si', endonym: 'සිංහල', names: { en: 'Sinhala', 'zh-Hant': '僧伽羅語', tl: 'Sinhala', id: 'Sinhala' } },
  { code: 'ja', endonym: '日本語', names: { en: 'Japanese', 'zh-Hant': '日語', tl: 'Hapon', id: 'Jepang' } },
  { code: 'ko', endonym: '한국어', names: { en: 'Korean', 'zh-Hant': '韓語', tl: 'Koreano', id: 'Korea' } },
  { code: 'fr', endonym: 'Français', names: { en: 'French', 'zh-Hant': '法語', tl: 'Pranses', id: 'Prancis' } },
  { code: 'de', endonym: 'Deutsch', names: { en: 'German', 'zh-Hant': '德語', tl: 'Aleman', id: 'Jerman' } },
  { code: 'es', endonym: 'Español', names: { en: 'Spanish', 'zh-Hant': '西班牙語', tl: 'Espanyol', id: 'Spanyol' } },
  { code: 'vi', endonym: 'Tiếng Việt', names: { en: 'Vietnamese', 'zh-Hant': '越南語', tl: 'Vietnamese', id: 'Vietnam' } },
  { code: 'ms', endonym: 'Bahasa Melayu', names: { en: 'Malay', 'zh-Hant': '馬來語', tl: 'Malay', id: 'Melayu' } },
  { code: 'pt', endonym: 'Português', names: { en: 'Portuguese', 'zh-Hant': '葡萄牙語', tl: 'Portuges', id: 'Portugis' } },
  { code: 'ru', endonym: 'Русский', names: { en: 'Russian', 'zh-Hant': '俄語', tl: 'Ruso', id: 'Rusia' } },
  { code: 'ar', endonym: 'العربية', names: { en: 'Arabic', 'zh-Hant': '阿拉伯語', tl: 'Arabe', id: 'Arab' } },
];

export const LANGUAGE_LEVELS = ['basic', 'conversational', 'fluent', 'native'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

export const LANGUAGE_LEVEL_NAMES: Record<LanguageLevel, Names> = {
  basic: { en: 'Basic', 'zh-Hant': '基本', tl: 'Batayan', id: 'Dasar' },
  conversational: { en: 'Conversational', 'zh-Hant': '日常會話', tl: 'Pang-usap', id: 'Percakapan' },
  fluent: { en: 'Fluent', 'zh-Hant': '流利', tl: 'Matatas', id: 'Fasih' },
  native: { en: 'Native', 'zh-Hant': '母語', tl: 'Katutubo', id: 'Bahasa ibu' },
};

export interface IndustryGroup {
  code: string;
  names: Names;
  industries: readonly { code: string; names: Names }[];
}

// Two levels: group > industry. A group with a single industry uses the same code for both.
export const INDUSTRY_GROUPS: readonly IndustryGroup[] = [
  {
    code: 'financial-services',
    names: { en: 'Financial services', 'zh-Hant': '金融服務', tl: 'Serbisyong pinansyal', id: 'Jasa keuangan' },
    industries: [
      { code: 'fintech', names: { en: 'Fintech', 'zh-Hant': '金融科技', tl: 'Fintech', id: 'Tekfin' } },
      { code: 'banking', names: { en: 'Banking', 'zh-Hant': '銀行', tl: 'Pagbabangko', id: 'Perbankan' } },
      { code: 'asset-management', names: { en: 'Asset management', 'zh-Hant': '資產管理', tl: 'Pamamahala ng asset', id: 'Manajemen aset' } },
      { code: 'insurance', names: { en: 'Insurance', 'zh-Hant': '保險', tl: 'Seguro', id: 'Asuransi' } },
      { code: 'accounting', names: { en: 'Accounting', 'zh-Hant': '會計', tl: 'Accounting', id: 'Akuntansi' } },
    ],
  },
  {
    code: 'technology',
    names: { en: 'Technology', 'zh-Hant': '科技', tl: 'Teknolohiya', id: 'Teknologi' },
    industries: [
      { code: 'software', names: { en: 'Software', 'zh-Hant': '軟件', tl: 'Software', id: 'Perangkat lunak' } },
      { code: 'data-ai', names: { en: 'Data & AI', 'zh-Hant': '數據及人工智能', tl: 'Data at AI', id: 'Data & AI' } },
      { code: 'cybersecurity', names: { en: 'Cybersecurity', 'zh-Hant': '網絡安全', tl: 'Cybersecurity', id: 'Keamanan siber' } },
    ],
  },
  {
    code: 'healthcare',
    names: { en: 'Healthcare', 'zh-Hant': '醫療', tl: 'Pangangalagang pangkalusugan', id: 'Layanan kesehatan' },
    industries: [
      { code: 'medicine', names: { en: 'Medicine', 'zh-Hant': '醫學', tl: 'Medisina', id: 'Kedokteran' } },
      { code: 'nursing', names: { en: 'Nursing', 'zh-Hant': '護理', tl: 'Nursing', id: 'Keperawatan' } },
      { code: 'allied-health', names: { en: 'Allied health', 'zh-Hant': '專職醫療', tl: 'Allied health', id: 'Tenaga kesehatan lain' } },
    ],
  },
  {
    code: 'legal',
    names: { en: 'Legal', 'zh-Hant': '法律', tl: 'Legal', id: 'Hukum' },
    industries: [{ code: 'legal', names: { en: 'Legal', 'zh-Hant': '法律', tl: 'Legal', id: 'Hukum' } }],
  },
  {
    code: 'education',
    names: { en: 'Education', 'zh-Hant': '教育', tl: 'Edukasyon', id: 'Pendidikan' },
    industries: [{ code: 'education', names: { en: 'Education', 'zh-Hant': '教育', tl: 'Edukasyon', id: 'Pendidikan' } }],
  },
  {
    code: 'engineering-construction',
    names: { en: 'Engineering & construction', 'zh-Hant': '工程及建造', tl: 'Inhinyeriya at konstruksiyon', id: 'Teknik & konstruksi' },
    industries: [
      { code: 'engineering', names: { en: 'Engineering', 'zh-Hant': '工程', tl: 'Inhinyeriya', id: 'Teknik' } },
      { code: 'architecture', names: { en: 'Architecture', 'zh-Hant': '建築', tl: 'Arkitektura', id: 'Arsitektur' } },
      { code: 'construction', names: { en: 'Construction', 'zh-Hant': '建造', tl: 'Konstruksiyon', id: 'Konstruksi' } },
    ],
  },
  {
    code: 'logistics',
    names: { en: 'Logistics', 'zh-Hant': '物流', tl: 'Logistics', id: 'Logistik' },
    industries: [{ code: 'logistics', names: { en: 'Logistics', 'zh-Hant': '物流', tl: 'Logistics', id: 'Logistik' } }],
  },
  {
    code: 'creative-media',
    names: { en: 'Creative & media', 'zh-Hant': '創意及媒體', tl: 'Malikhain at media', id: 'Kreatif & media' },
    industries: [
      { code: 'design', names: { en: 'Design', 'zh-Hant': '設計', tl: 'Disenyo', id: 'Desain' } },
      { code: 'media', names: { en: 'Media & publishing', 'zh-Hant': '媒體及出版', tl: 'Media at paglalathala', id: 'Media & penerbitan' } },
      { code: 'marketing', names: { en: 'Marketing', 'zh-Hant': '市場推廣', tl: 'Marketing', id: 'Pemasaran' } },
    ],
  },
  {
    code: 'hospitality',
    names: { en: 'Hospitality', 'zh-Hant': '酒店及餐飲', tl: 'Hospitality', id: 'Perhotelan' },
    industries: [{ code: 'hospitality', names: { en: 'Hospitality', 'zh-Hant': '酒店及餐飲', tl: 'Hospitality', id: 'Perhotelan' } }],
  },
  {
    code: 'domestic-work-care',
    names: { en: 'Domestic work & care', 'zh-Hant': '家務及護理', tl: 'Gawaing bahay at pag-aalaga', id: 'Pekerjaan rumah tangga & perawatan' },
    industries: [
      { code: 'domestic-work', names: { en: 'Domestic work', 'zh-Hant': '家務工作', tl: 'Gawaing bahay', id: 'Pekerjaan rumah tangga' } },
      { code: 'elderly-care', names: { en: 'Elderly & child care', 'zh-Hant': '長者及兒童照顧', tl: 'Pag-aalaga ng matatanda at bata', id: 'Perawatan lansia & anak' } },
    ],
  },
  {
    code: 'public-non-profit',
    names: { en: 'Public & non-profit', 'zh-Hant': '公共及非牟利', tl: 'Pampubliko at non-profit', id: 'Publik & nirlaba' },
    industries: [
      { code: 'public-sector', names: { en: 'Public sector', 'zh-Hant': '公營機構', tl: 'Pampublikong sektor', id: 'Sektor publik' } },
      { code: 'non-profit', names: { en: 'Non-profit', 'zh-Hant': '非牟利機構', tl: 'Non-profit', id: 'Nirlaba' } },
    ],
  },
];

export const INDUSTRIES = INDUSTRY_GROUPS.flatMap((group) =>
  group.industries.map((industry) => ({ ...industry, group: group.code })),
);

export interface Goal {
  code: string;
  names: Names;
}

// One vocabulary for mentee goals, mentor topics and help-desk guides' audiences.
export const GOALS: readonly Goal[] = [
  { code: 'job-search', names: { en: 'Job search', 'zh-Hant': '求職', tl: 'Paghahanap ng trabaho', id: 'Mencari kerja' } },
  { code: 'qualification-recognition', names: { en: 'Qualification recognition', 'zh-Hant': '資歷認可', tl: 'Pagkilala sa kwalipikasyon', id: 'Pengakuan kualifikasi' } },
  { code: 'professional-networking', names: { en: 'Professional networking', 'zh-Hant': '專業人脈', tl: 'Propesyonal na networking', id: 'Jejaring profesional' } },
  { code: 'learning-cantonese', names: { en: 'Learning Cantonese', 'zh-Hant': '學習廣東話', tl: 'Pag-aaral ng Cantonese', id: 'Belajar bahasa Kanton' } },
  { code: 'cultural-orientation', names: { en: 'Cultural orientation', 'zh-Hant': '文化適應', tl: 'Oryentasyong kultural', id: 'Orientasi budaya' } },
  { code: 'starting-a-business', names: { en: 'Starting a business', 'zh-Hant': '創業', tl: 'Pagsisimula ng negosyo', id: 'Memulai usaha' } },
  { code: 'employment-rights', names: { en: 'Employment rights', 'zh-Hant': '僱傭權益', tl: 'Karapatan sa trabaho', id: 'Hak ketenagakerjaan' } },
  { code: 'wellbeing', names: { en: 'Wellbeing', 'zh-Hant': '身心健康', tl: 'Kapakanan', id: 'Kesejahteraan' } },
  { code: 'leadership', names: { en: 'Leadership', 'zh-Hant': '領導才能', tl: 'Pamumuno', id: 'Kepemimpinan' } },
];

export const GOAL_CODES = GOALS.map((goal) => goal.code);
export const DISTRICT_CODES = DISTRICTS.map((district) => district.code);
export const LANGUAGE_CODES = LANGUAGES.map((language) => language.code);
export const INDUSTRY_CODES = INDUSTRIES.map((industry) => industry.code);

export const MEETING_MODES = ['in-person', 'video', 'phone'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

export const EVENT_CATEGORIES = [
  'networking',
  'community',
  'language-exchange',
  'cultural-orientation',
  'workshop',
  'rights-training',
  'wellbeing',
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** The kinds of event trained volunteers deliver ("training of trainers"): they list trainers. */
export const TRAINER_EVENT_CATEGORIES: readonly EventCategory[] = ['rights-training', 'cultural-orientation', 'wellbeing'];

/**
 * Weekly availability: 7 days (Monday first) × 3 parts of the day, as a 21-bit mask.
 * Bit (day * 3 + part) is set when the person is free then.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const DAY_PARTS = ['morning', 'afternoon', 'evening'] as const;
export const AVAILABILITY_BITS = WEEKDAYS.length * DAY_PARTS.length;
export const AVAILABILITY_MAX = 2 ** AVAILABILITY_BITS - 1;

export function availabilitySlot(day: (typeof WEEKDAYS)[number], part: (typeof DAY_PARTS)[number]): number {
  return 1 << (WEEKDAYS.indexOf(day) * DAY_PARTS.length + DAY_PARTS.indexOf(part));
}

export const ROLES = ['migrant', 'mentor', 'organiser', 'admin', 'adviser', 'leader'] as const;
export type Role = (typeof ROLES)[number];
