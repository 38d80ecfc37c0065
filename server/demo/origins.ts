// Where the demo people come from: plausible names, the languages people from each place
// usually speak (and how well), and the UI language they would pick. Invented people only.
import type { LanguageLevel, UiLocale } from '../reference/data.ts';
import type { Random, Weighted } from './random.ts';

export interface SpokenLanguage {
  code: string;
  level: LanguageLevel;
}

/** Who the person is in the demo: a local mentor, a newcomer professional, a domestic worker. */
export type Audience = 'local' | 'professional' | 'domestic-worker';

export interface Origin {
  code: string;
  /** How the place reads in a sentence: "from the Philippines". */
  from: string;
  female: readonly string[];
  male: readonly string[];
  family: readonly string[];
  /** Family name first, as usually written in English by people from there. */
  familyFirst: boolean;
  languages(random: Random, audience: Audience): SpokenLanguage[];
  locales(audience: Audience): Weighted<UiLocale>;
}

const level = (random: Random, weights: Partial<Record<LanguageLevel, number>>): LanguageLevel =>
  random.weighted(Object.entries(weights) as [LanguageLevel, number][]);

const english = (random: Random, weights: Partial<Record<LanguageLevel, number>>): SpokenLanguage => ({
  code: 'en',
  level: level(random, weights),
});

/** Some newcomers have picked up a little Cantonese; many domestic workers more than a little. */
function maybeCantonese(random: Random, probability: number, weights: Partial<Record<LanguageLevel, number>>): SpokenLanguage[] {
  return random.chance(probability) ? [{ code: 'yue', level: level(random, weights) }] : [];
}

const englishOnly: Weighted<UiLocale> = [['en', 1]];

function expatriate(code: string, from: string, native: string, names: Pick<Origin, 'female' | 'male' | 'family'>): Origin {
  return {
    code,
    from,
    ...names,
    familyFirst: false,
    languages: (random, audience) => [
      { code: native, level: 'native' },
      english(random, { fluent: 7, conversational: 3 }),
      ...maybeCantonese(random, audience === 'local' ? 0.6 : 0.15, { basic: 3, conversational: 1 }),
    ],
    locales: () => englishOnly,
  };
}

function englishSpeaking(code: string, from: string, names: Pick<Origin, 'female' | 'male' | 'family'>): Origin {
  return {
    code,
    from,
    ...names,
    familyFirst: false,
    languages: (random, audience) => [
      { code: 'en', level: 'native' },
      ...(random.chance(0.15) ? [{ code: random.pick(['fr', 'es', 'de', 'cmn']), level: 'basic' as const }] : []),
      ...maybeCantonese(random, audience === 'local' ? 0.6 : 0.12, { basic: 3, conversational: 2 }),
    ],
    locales: () => englishOnly,
  };
}

export const ORIGINS = {
  'hong-kong': {
    code: 'hong-kong',
    from: 'Hong Kong',
    female: ['Karen', 'Ivy', 'Winnie', 'Queenie', 'Cathy', 'Fiona', 'Vivian', 'Janice', 'Carmen', 'Phoebe', 'Candy', 'Gloria', 'Tiffany', 'Eunice', 'Yvonne', 'Maggie', 'Connie', 'Sharon', 'Joyce', 'Iris', 'Ka Yan', 'Wing Sze', 'Hoi Ting', 'Tsz Ching', 'Yuk Ling'],
    male: ['Wilson', 'Kelvin', 'Eric', 'Raymond', 'Jason', 'Alan', 'Kenneth', 'Derek', 'Terence', 'Horace', 'Ricky', 'Samuel', 'Brian', 'Marco', 'Calvin', 'Dickson', 'Stanley', 'Edmond', 'Anson', 'Gordon', 'Chi Keung', 'Ho Yin', 'Man Kit', 'Wai Lun', 'Ka Ho'],
    family: ['Chan', 'Wong', 'Lee', 'Cheung', 'Lau', 'Ng', 'Leung', 'Lam', 'Ho', 'Tsang', 'Yeung', 'Chow', 'Tang', 'Kwok', 'Mak', 'Fung', 'Yip', 'Lo', 'Tse', 'Chu', 'Poon', 'Choi', 'Siu', 'Au', 'Hui'],
    familyFirst: false,
    languages: (random) => [
      { code: 'yue', level: 'native' },
      english(random, { fluent: 6, conversational: 3 }),
      ...(random.chance(0.65) ? [{ code: 'cmn', level: level(random, { conversational: 5, fluent: 2, basic: 2 }) }] : []),
      ...(random.chance(0.06) ? [{ code: random.pick(['ja', 'ko', 'fr']), level: 'basic' as const }] : []),
    ],
    locales: () => [
      ['zh-Hant', 6],
      ['en', 4],
    ],
  },
  philippines: {
    code: 'philippines',
    from: 'the Philippines',
    female: ['Maria', 'Jocelyn', 'Marites', 'Rowena', 'Analyn', 'Mary Grace', 'Jennifer', 'Cristina', 'Rosalie', 'Marilou', 'Evelyn', 'Josephine', 'Lea', 'Rhea', 'Charmaine', 'Divina', 'Leonora', 'Gemma', 'Arlene', 'Maricel'],
    male: ['Jose', 'Mark', 'John Paul', 'Ramon', 'Carlo', 'Miguel', 'Paolo', 'Noel', 'Rodel', 'Jerome'],
    family: ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Garcia', 'Mendoza', 'Dela Cruz', 'Villanueva', 'Ramos', 'Aquino', 'Castillo', 'Flores', 'Gonzales', 'Navarro', 'Dizon', 'Manalo', 'Pascual', 'Soriano', 'Tolentino', 'Macaraeg'],
    familyFirst: false,
    languages: (random, audience) => [
      { code: 'tl', level: 'native' },
      audience === 'domestic-worker'
        ? english(random, { fluent: 5, conversational: 5 })
        : english(random, { fluent: 9, native: 1 }),
      ...maybeCantonese(random, audience === 'domestic-worker' ? 0.35 : 0.1, { basic: 4, conversational: 1 }),
    ],
    locales: (audience) =>
      audience === 'domestic-worker'
        ? [
            ['tl', 5],
            ['en', 5],
          ]
        : [
            ['en', 8],
            ['tl', 2],
          ],
  },
  indonesia: {
    code: 'indonesia',
    from: 'Indonesia',
    female: ['Siti', 'Sri', 'Dewi', 'Nur', 'Rina', 'Wulan', 'Ani', 'Eni', 'Yuliana', 'Sumiati', 'Kartini', 'Fitri', 'Indah', 'Ratna', 'Puji', 'Endang', 'Yanti', 'Susi', 'Tuti', 'Wati'],
    male: ['Agus', 'Budi', 'Eko', 'Rizky', 'Dimas', 'Arif', 'Hendra', 'Yusuf'],
    family: ['Rahayu', 'Wahyuni', 'Lestari', 'Suryani', 'Handayani', 'Purwanti', 'Susanti', 'Setiawati', 'Kusuma', 'Wijaya', 'Pratama', 'Santoso', 'Nugroho', 'Hidayat', 'Maryati', 'Ningsih'],
    familyFirst: false,
    // Indonesian helpers usually learn Cantonese before they come, English less so.
    languages: (random, audience) =>
      audience === 'domestic-worker'
        ? [
            { code: 'id', level: 'native' },
            { code: 'yue', level: level(random, { conversational: 6, basic: 3, fluent: 1 }) },
            ...(random.chance(0.6) ? [english(random, { basic: 5, conversational: 4 })] : []),
          ]
        : [{ code: 'id', level: 'native' }, english(random, { fluent: 7, conversational: 3 }), ...(random.chance(0.2) ? [{ code: 'ms', level: 'conversational' as const }] : [])],
    locales: (audience) =>
      audience === 'domestic-worker'
        ? [
            ['id', 9],
            ['en', 1],
          ]
        : [
            ['id', 5],
            ['en', 5],
          ],
  },
  india: {
    code: 'india',
    from: 'India',
    female: ['Priya', 'Ananya', 'Kavya', 'Deepa', 'Sneha', 'Pooja', 'Meera', 'Lakshmi', 'Divya', 'Aishwarya'],
    male: ['Arjun', 'Rahul', 'Vikram', 'Rohan', 'Karthik', 'Aditya', 'Sanjay', 'Amit', 'Nikhil', 'Suresh'],
    family: ['Sharma', 'Iyer', 'Nair', 'Patel', 'Mehta', 'Reddy', 'Gupta', 'Menon', 'Rao', 'Singh', 'Kapoor', 'Desai', 'Joshi', 'Pillai'],
    familyFirst: false,
    languages: (random, audience) => [
      { code: 'hi', level: random.chance(0.7) ? 'native' : 'fluent' },
      english(random, audience === 'domestic-worker' ? { conversational: 6, fluent: 4 } : { fluent: 8, native: 2 }),
      ...(random.chance(0.08) ? [{ code: 'pa', level: 'native' as const }] : []),
    ],
    locales: () => englishOnly,
  },
  pakistan: {
    code: 'pakistan',
    from: 'Pakistan',
    female: ['Ayesha', 'Fatima', 'Sana', 'Hina', 'Zainab', 'Mahnoor', 'Amna', 'Saima'],
    male: ['Imran', 'Bilal', 'Usman', 'Hamza', 'Faisal', 'Asad', 'Kamran', 'Ali'],
    family: ['Khan', 'Malik', 'Qureshi', 'Butt', 'Chaudhry', 'Siddiqui', 'Sheikh', 'Raza', 'Akhtar', 'Hussain'],
    familyFirst: false,
    languages: (random) => [
      { code: 'ur', level: 'native' },
      english(random, { fluent: 8, conversational: 2 }),
      ...(random.chance(0.35) ? [{ code: 'pa', level: level(random, { native: 2, fluent: 1 }) }] : []),
    ],
    locales: () => englishOnly,
  },
  nepal: {
    code: 'nepal',
    from: 'Nepal',
    female: ['Sunita', 'Anita', 'Sabina', 'Sarita', 'Kamala', 'Gita', 'Laxmi', 'Puja'],
    male: ['Bikash', 'Suman', 'Rajesh', 'Pemba', 'Dipendra', 'Prakash', 'Santosh', 'Ramesh'],
    family: ['Gurung', 'Rai', 'Limbu', 'Tamang', 'Thapa', 'Magar', 'Sherpa', 'Shrestha', 'Karki', 'Pun'],
    familyFirst: false,
    languages: (random) => [
      { code: 'ne', level: 'native' },
      english(random, { fluent: 5, conversational: 5 }),
      ...(random.chance(0.4) ? [{ code: 'hi', level: 'conversational' as const }] : []),
      ...maybeCantonese(random, 0.2, { basic: 2, conversational: 1 }),
    ],
    locales: () => englishOnly,
  },
  'mainland-china': {
    code: 'mainland-china',
    from: 'mainland China',
    female: ['Na', 'Jing', 'Yan', 'Min', 'Xin', 'Ting', 'Fang', 'Lin', 'Xiaoyu', 'Mengyao', 'Siyu', 'Yiting'],
    male: ['Wei', 'Lei', 'Hao', 'Yu', 'Jie', 'Qiang', 'Yifan', 'Zihan', 'Haoran', 'Bowen', 'Tao', 'Jun'],
    family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun', 'Hu', 'Zhu', 'Gao', 'Lin', 'He', 'Guo', 'Ma', 'Luo'],
    familyFirst: true,
    // Some come from Guangdong and grew up with Cantonese.
    languages: (random) => [
      { code: 'cmn', level: 'native' },
      english(random, { fluent: 5, conversational: 4, basic: 1 }),
      ...(random.chance(0.25)
        ? [{ code: 'yue', level: 'native' as const }]
        : maybeCantonese(random, 0.45, { basic: 3, conversational: 2 })),
    ],
    locales: () => [
      ['zh-Hant', 5],
      ['en', 5],
    ],
  },
  'united-kingdom': englishSpeaking('united-kingdom', 'the United Kingdom', {
    female: ['Charlotte', 'Emily', 'Sophie', 'Hannah', 'Lucy', 'Olivia', 'Amelia', 'Rebecca'],
    male: ['Oliver', 'James', 'Thomas', 'Daniel', 'George', 'Harry', 'William', 'Matthew'],
    family: ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Hughes', 'Walker', 'Wright', 'Clarke', 'Fletcher', 'Price'],
  }),
  'north-america-australia': englishSpeaking('north-america-australia', 'North America or Australia', {
    female: ['Emma', 'Madison', 'Chloe', 'Grace', 'Sarah', 'Megan', 'Ashley', 'Jessica'],
    male: ['Michael', 'Ryan', 'Jack', 'Ethan', 'Nathan', 'Tyler', 'Liam', 'Josh'],
    family: ['Johnson', 'Miller', 'Anderson', 'Thompson', 'Mitchell', 'Campbell', 'Robinson', 'Kelly', 'Murphy', 'Bennett'],
  }),
  france: expatriate('france', 'France', 'fr', {
    female: ['Camille', 'Léa', 'Chloé', 'Manon', 'Inès', 'Juliette'],
    male: ['Julien', 'Antoine', 'Mathieu', 'Nicolas', 'Hugo', 'Thibault'],
    family: ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Lefebvre', 'Girard', 'Roux'],
  }),
  germany: expatriate('germany', 'Germany', 'de', {
    female: ['Anna', 'Lena', 'Laura', 'Katharina', 'Julia', 'Miriam'],
    male: ['Lukas', 'Jonas', 'Felix', 'Maximilian', 'Tobias', 'Florian'],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann'],
  }),
  spain: expatriate('spain', 'Spain', 'es', {
    female: ['Lucía', 'Sofía', 'Carmen', 'Elena', 'Paula', 'Marta'],
    male: ['Javier', 'Pablo', 'Diego', 'Alejandro', 'Sergio', 'Álvaro'],
    family: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Romero', 'Navarro', 'Torres'],
  }),
  portugal: expatriate('portugal', 'Portugal or Brazil', 'pt', {
    female: ['Ana', 'Beatriz', 'Mariana', 'Inês', 'Carolina'],
    male: ['João', 'Pedro', 'Rafael', 'Tiago', 'Gabriel'],
    family: ['Silva', 'Santos', 'Oliveira', 'Costa', 'Pereira', 'Ferreira', 'Almeida'],
  }),
  japan: {
    ...expatriate('japan', 'Japan', 'ja', {
      female: ['Yuki', 'Sakura', 'Aoi', 'Mei', 'Yui', 'Haruka'],
      male: ['Haruto', 'Ren', 'Kenji', 'Takumi', 'Sota', 'Daiki'],
      family: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato'],
    }),
    languages: (random: Random) => [{ code: 'ja', level: 'native' as const }, english(random, { conversational: 6, fluent: 4 })],
  },
  korea: {
    ...expatriate('korea', 'South Korea', 'ko', {
      female: ['Ji-woo', 'Seo-yeon', 'Ha-eun', 'Su-bin', 'Min-ji', 'Ye-jin'],
      male: ['Min-jun', 'Do-yun', 'Ji-ho', 'Hyun-woo', 'Seung-min', 'Jae-won'],
      family: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon'],
    }),
    familyFirst: true,
    languages: (random: Random) => [{ code: 'ko', level: 'native' as const }, english(random, { conversational: 6, fluent: 4 })],
  },
  thailand: {
    code: 'thailand',
    from: 'Thailand',
    female: ['Nattaya', 'Siriporn', 'Kanya', 'Wanida', 'Malee', 'Arunee', 'Ploy', 'Pim'],
    male: ['Somchai', 'Preecha', 'Anan', 'Kittisak'],
    family: ['Srisuk', 'Boonmee', 'Saetang', 'Wongsawat', 'Rattanakorn', 'Somboon', 'Chaiyaporn', 'Thongchai'],
    familyFirst: false,
    languages: (random, audience) => [
      { code: 'th', level: 'native' },
      english(random, audience === 'domestic-worker' ? { basic: 5, conversational: 5 } : { fluent: 5, conversational: 5 }),
      ...maybeCantonese(random, audience === 'domestic-worker' ? 0.5 : 0.1, { basic: 2, conversational: 2 }),
    ],
    locales: () => englishOnly,
  },
  'sri-lanka': {
    code: 'sri-lanka',
    from: 'Sri Lanka',
    female: ['Nadeeka', 'Dilani', 'Kumari', 'Ishara', 'Malini', 'Chathurika', 'Sanduni', 'Nirosha'],
    male: ['Chaminda', 'Sanjeewa', 'Ruwan', 'Kasun'],
    family: ['Perera', 'Fernando', 'Silva', 'Jayasinghe', 'Bandara', 'Wickramasinghe', 'Dissanayake', 'Rathnayake'],
    familyFirst: false,
    languages: (random) => [{ code: 'si', level: 'native' }, english(random, { conversational: 6, fluent: 4 })],
    locales: () => englishOnly,
  },
  vietnam: {
    code: 'vietnam',
    from: 'Vietnam',
    female: ['Linh', 'Trang', 'Huong', 'Thao', 'Lan', 'Mai'],
    male: ['Minh', 'Tuan', 'Duc', 'Hieu', 'Khanh', 'Long'],
    family: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu', 'Dang', 'Bui'],
    familyFirst: true,
    languages: (random) => [
      { code: 'vi', level: 'native' },
      english(random, { conversational: 5, fluent: 5 }),
      ...maybeCantonese(random, 0.2, { basic: 1, conversational: 1 }),
    ],
    locales: () => englishOnly,
  },
  malaysia: {
    code: 'malaysia',
    from: 'Malaysia',
    female: ['Nurul', 'Aisyah', 'Mei Ling', 'Siew Mei', 'Farah', 'Hui Min'],
    male: ['Farid', 'Hafiz', 'Wei Jie', 'Kah Wai', 'Amir', 'Jun Hao'],
    family: ['Abdullah', 'Rahman', 'Ismail', 'Tan', 'Lim', 'Ong', 'Teh', 'Goh'],
    familyFirst: false,
    languages: (random) => [
      { code: 'ms', level: random.chance(0.6) ? 'native' : 'fluent' },
      english(random, { fluent: 8, native: 2 }),
      ...(random.chance(0.45) ? [{ code: 'cmn', level: level(random, { native: 1, fluent: 2, conversational: 2 }) }] : []),
      ...maybeCantonese(random, 0.35, { conversational: 2, fluent: 1 }),
    ],
    locales: () => englishOnly,
  },
} satisfies Record<string, Origin>;

export type OriginCode = keyof typeof ORIGINS;

/**
 * Where each audience comes from. Helpers: the Labour Department's 2021 figures
 * (Philippines 191,783, Indonesia 140,057, then India, Thailand, Sri Lanka; see
 * reference/hk-services.md). Professionals and expatriate mentors: a guess that looks like
 * Hong Kong's newcomer mix, led by mainland China.
 */
export const ORIGIN_WEIGHTS: Record<Audience, Weighted<OriginCode>> = {
  'domestic-worker': [
    ['philippines', 55],
    ['indonesia', 40],
    ['india', 1.5],
    ['thailand', 1.2],
    ['sri-lanka', 1],
    ['nepal', 0.6],
  ],
  professional: [
    ['mainland-china', 28],
    ['india', 12],
    ['united-kingdom', 9],
    ['philippines', 7],
    ['north-america-australia', 7],
    ['france', 4],
    ['germany', 3],
    ['spain', 3],
    ['portugal', 2],
    ['japan', 4],
    ['korea', 3],
    ['pakistan', 4],
    ['nepal', 3],
    ['indonesia', 3],
    ['malaysia', 5],
    ['vietnam', 2],
    ['sri-lanka', 1],
  ],
  // Expatriate mentors: settled professionals who remember being new.
  local: [
    ['united-kingdom', 20],
    ['north-america-australia', 14],
    ['india', 14],
    ['mainland-china', 14],
    ['philippines', 10],
    ['france', 6],
    ['germany', 5],
    ['japan', 5],
    ['malaysia', 5],
    ['pakistan', 3],
    ['nepal', 4],
  ],
};

export function personName(random: Random, origin: Origin, gender: 'female' | 'male'): string {
  const given = random.pick(gender === 'female' ? origin.female : origin.male);
  const family = random.pick(origin.family);
  return origin.familyFirst ? `${family} ${given}` : `${given} ${family}`;
}
