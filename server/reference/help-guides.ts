// The starter guides, in Markdown. Every fact comes from ../shared/reference/hk-services.md
// and each guide lists its sources; where a translation is missing, the API serves English and
// says so. Keep sentences short and plain: many readers use a second language on a phone.
import type { UiLocale } from './data.ts';
import type { DirectorySource } from './help-directory.ts';
import type { GuideAudience, HelpTopic } from './help.ts';

export interface GuideText {
  title: string;
  summary: string;
  body: string;
}

export interface GuideSpec {
  slug: string;
  topic: HelpTopic;
  audiences: GuideAudience[];
  sources: DirectorySource[];
  checkedOn: string;
  /** English always; other UI languages where translated. */
  texts: Partial<Record<UiLocale, GuideText>> & { en: GuideText };
}

const CHECKED_ON = '2026-11';

const SOURCE = {
  restDayLd: { title: 'Labour Department article on rest days (copy on ctgoodjobs.hk)', url: null, kind: 'primary' },
  restDayFairAgency: { title: 'Fair Agency, rest days', url: 'https://fairagency.org', kind: 'secondary' },
  holidays: { title: 'news.gov.hk, 5 March 2021: statutory holidays', url: 'https://news.gov.hk', kind: 'primary' },
  contract: { title: 'Labour Department, Standard Employment Contract (ID 407)', url: 'https://eeas.labour.gov.hk', kind: 'primary' },
  fdhHotline: { title: 'Labour Department, Employment Agencies Administration news (2018, item 65)', url: 'https://eaa.labour.gov.hk', kind: 'primary' },
  agencyFees: { title: 'Employment Agencies Administration, for helpers', url: 'https://eaa.labour.gov.hk/en/helpers.html', kind: 'primary' },
  csrp: { title: 'HKU Centre for Suicide Research and Prevention, "Getting help"', url: 'https://csrp.hku.hk/getting-help/', kind: 'secondary' },
  ldEnquiries: { title: 'Labour Department, telephone enquiries', url: 'https://labour.gov.hk/eng/tele/content.htm', kind: 'primary' },
  hkcaavq: { title: 'HKCAAVQ, assessment of individual qualifications', url: 'https://hkcaavq.edu.hk/en/services/assessment/individual-qualifications', kind: 'primary' },
  medicalCouncil: { title: 'Medical Council of Hong Kong, registration', url: 'https://mchk.org.hk/english/registration/', kind: 'primary' },
  nursingCouncil: { title: 'Nursing Council of Hong Kong', url: 'https://nchk.org.hk', kind: 'primary' },
  lawSociety: { title: 'The Law Society of Hong Kong, FAQ', url: 'https://hklawsoc.org.hk', kind: 'primary' },
  hkie: { title: 'HKIE', url: 'https://hkie.org.hk', kind: 'primary' },
  hkicpa: { title: 'HKICPA (November 2023)', url: 'https://hkicpa.org.hk', kind: 'primary' },
  architects: { title: 'Architects Registration Board', url: 'https://arb.org.hk/en/registration/become_a_registered_architect', kind: 'primary' },
  jobs: { title: 'Labour Department, Interactive Employment Service', url: 'https://jobs.gov.hk', kind: 'primary' },
  hkid: { title: 'CLIC (Community Legal Information Centre)', url: 'https://clic.org.hk', kind: 'primary' },
  mpf: { title: 'Mandatory Provident Fund Schemes Authority', url: 'https://mpfa.org.hk', kind: 'primary' },
  hospital: { title: 'Hospital Authority', url: 'https://ha.org.hk', kind: 'primary' },
  immigration: { title: 'A copy of Immigration Department guide ID 911A', url: null, kind: 'secondary' },
} satisfies Record<string, DirectorySource>;

export const GUIDES: readonly GuideSpec[] = [
  {
    slug: 'your-rest-day',
    topic: 'employment',
    audiences: ['domestic-worker', 'employer'],
    sources: [SOURCE.restDayLd, SOURCE.restDayFairAgency, SOURCE.holidays, SOURCE.contract, SOURCE.fdhHotline],
    checkedOn: CHECKED_ON,
    texts: {
      en: {
        title: 'Your rest day',
        summary: 'Every domestic worker in Hong Kong has a right to a rest day in every 7 days.',
        body: `## What the rule says

- You get **at least one rest day in every 7 days**.
- A rest day is **24 hours in a row** without work.
- Sunday is the usual rest day by custom, but the law does not say it must be Sunday.

## Statutory holidays

Hong Kong's statutory holidays are rising from 12 to 17 between 2022 and 2030:

- Buddha's Birthday (from 2022)
- the first weekday after Christmas (from 2024)
- Easter Monday (from 2026)
- Good Friday (from 2028)
- the day after Good Friday (from 2030)

Ask an adviser or the Labour Department how these apply to you.

## Your contract

Foreign domestic helpers in Hong Kong work on the Standard Employment Contract (form ID 407), for two years.

## If your rest day is not respected

Call the Labour Department hotline for foreign domestic helpers: **2157 9537**. It answers 24 hours in Cantonese, English and Putonghua. Interpreters for Tagalog, Bahasa Indonesia, Thai, Nepali, Hindi, Punjabi and Urdu are there from 08:00 to 22:00 every day except public holidays.

You can also ask Kaifong's advisers: they listen first, then explain your options.
`,
      },
      'zh-Hant': {
        title: '你的休息日',
        summary: '在香港工作的家庭傭工，每 7 天最少有一個休息日。',
        body: `## 規定是甚麼

- 每 7 天內，你最少有**一個休息日**。
- 休息日是**連續 24 小時**不用工作。
- 習慣上很多人在星期日休息，但法例沒有規定一定是星期日。

## 法定假日

香港的法定假日在 2022 至 2030 年間由 12 天逐步增至 17 天：

- 佛誕（2022 年起）
- 聖誕節後第一個平日（2024 年起）
- 復活節星期一（2026 年起）
- 耶穌受難節（2028 年起）
- 耶穌受難節翌日（2030 年起）

這些假日怎樣適用於你，可以問顧問或勞工處。

## 你的合約

在香港工作的外籍家庭傭工使用標準僱傭合約（表格 ID 407），為期兩年。

## 如果你的休息日沒有被遵守

請致電勞工處外籍家庭傭工熱線：**2157 9537**。熱線 24 小時以廣東話、英語及普通話接聽；他加祿語、印尼語、泰語、尼泊爾語、印地語、旁遮普語及烏爾都語的傳譯服務，每日 08:00 至 22:00 提供（公眾假期除外）。

你也可以向街坊的顧問求助：他們會先聆聽，再向你解釋有甚麼選擇。
`,
      },
      tl: {
        title: 'Ang iyong rest day',
        summary: 'May karapatan ang bawat domestic worker sa Hong Kong sa isang rest day sa bawat 7 araw.',
        body: `## Ano ang sinasabi ng patakaran

- May **hindi bababa sa isang rest day sa bawat 7 araw**.
- Ang rest day ay **24 na magkakasunod na oras** na walang trabaho.
- Linggo ang karaniwang rest day dahil sa kaugalian, pero hindi sinasabi ng batas na kailangang Linggo.

## Mga statutory holiday

Dumarami ang mga statutory holiday sa Hong Kong, mula 12 hanggang 17, sa pagitan ng 2022 at 2030:

- Kaarawan ni Buddha (mula 2022)
- ang unang weekday pagkatapos ng Pasko (mula 2024)
- Easter Monday (mula 2026)
- Good Friday (mula 2028)
- ang araw pagkatapos ng Good Friday (mula 2030)

Itanong sa isang adviser o sa Labour Department kung paano ito para sa iyo.

## Ang iyong kontrata

Ang mga foreign domestic helper sa Hong Kong ay nagtatrabaho sa ilalim ng Standard Employment Contract (form ID 407), nang dalawang taon.

## Kung hindi iginagalang ang iyong rest day

Tumawag sa hotline ng Labour Department para sa mga foreign domestic helper: **2157 9537**. Sumasagot ito 24 na oras sa Cantonese, English at Putonghua. May interpreter sa Tagalog, Bahasa Indonesia, Thai, Nepali, Hindi, Punjabi at Urdu mula 08:00 hanggang 22:00 araw-araw, maliban sa mga public holiday.

Puwede ka ring lumapit sa mga adviser ng Kaifong: makikinig muna sila, saka ipapaliwanag ang mga pagpipilian mo.
`,
      },
      id: {
        title: 'Hari libur Anda',
        summary: 'Setiap pekerja rumah tangga di Hong Kong berhak atas satu hari libur dalam setiap 7 hari.',
        body: `## Apa aturannya

- Anda mendapat **paling sedikit satu hari libur dalam setiap 7 hari**.
- Hari libur adalah **24 jam berturut-turut** tanpa bekerja.
- Biasanya hari Minggu karena kebiasaan, tetapi undang-undang tidak mengharuskan hari Minggu.

## Hari libur resmi

Hari libur resmi (statutory holiday) di Hong Kong bertambah dari 12 menjadi 17 hari antara 2022 dan 2030:

- Hari Ulang Tahun Buddha (mulai 2022)
- hari kerja pertama setelah Natal (mulai 2024)
- Senin Paskah (mulai 2026)
- Jumat Agung (mulai 2028)
- hari setelah Jumat Agung (mulai 2030)

Tanyakan kepada penasihat atau Labour Department bagaimana ini berlaku untuk Anda.

## Kontrak Anda

Pekerja rumah tangga asing di Hong Kong bekerja dengan Standard Employment Contract (formulir ID 407) selama dua tahun.

## Jika hari libur Anda tidak dihormati

Hubungi hotline Labour Department untuk pekerja rumah tangga asing: **2157 9537**. Hotline menjawab 24 jam dalam bahasa Kanton, Inggris dan Putonghua. Penerjemah bahasa Tagalog, Indonesia, Thai, Nepal, Hindi, Punjabi dan Urdu tersedia pukul 08:00–22:00 setiap hari, kecuali hari libur umum.

Anda juga bisa bertanya kepada penasihat Kaifong: mereka mendengarkan dulu, lalu menjelaskan pilihan Anda.
`,
      },
    },
  },
  {
    slug: 'employment-agency-fees',
    topic: 'employment',
    audiences: ['domestic-worker'],
    sources: [SOURCE.agencyFees, SOURCE.fdhHotline],
    checkedOn: CHECKED_ON,
    texts: {
      en: {
        title: 'Employment agency fees',
        summary: 'An agency may charge you at most 10% of your first month’s wages.',
        body: `## The most an agency may charge you

An employment agency may charge a job-seeker **at most 10% of the first month's wages**. Nothing more.

For example, if your first month's wages are HK$5,000, the most the agency may charge you is HK$500.

## If an agency charged you more

- Keep receipts, messages and anything that shows what you paid.
- Report it to the Labour Department's Employment Agencies Administration.
- Or call the Labour Department hotline for foreign domestic helpers: **2157 9537** (24 hours; interpreters 08:00–22:00 except public holidays). It also takes complaints about agencies.

Kaifong's advisers can help you prepare what to say.
`,
      },
      tl: {
        title: 'Bayad sa employment agency',
        summary: 'Ang pinakamalaking puwedeng singilin sa iyo ng agency ay 10% ng sahod mo sa unang buwan.',
        body: `## Ang pinakamalaking puwedeng singilin

Ang employment agency ay puwedeng maningil sa naghahanap ng trabaho ng **hindi hihigit sa 10% ng sahod sa unang buwan**. Wala nang iba pa.

Halimbawa: kung HK$5,000 ang sahod mo sa unang buwan, HK$500 ang pinakamalaking puwedeng singilin sa iyo ng agency.

## Kung sinobrahan ka ng agency

- Itago ang mga resibo, mensahe at anumang nagpapakita kung magkano ang ibinayad mo.
- I-report ito sa Employment Agencies Administration ng Labour Department.
- O tumawag sa hotline ng Labour Department para sa mga foreign domestic helper: **2157 9537** (24 na oras; may interpreter 08:00–22:00 maliban sa mga public holiday). Tumatanggap din ito ng reklamo tungkol sa mga agency.

Matutulungan ka ng mga adviser ng Kaifong na ihanda ang sasabihin mo.
`,
      },
      id: {
        title: 'Biaya agen tenaga kerja',
        summary: 'Agen paling banyak boleh menagih 10% dari gaji bulan pertama Anda.',
        body: `## Batas biaya agen

Agen tenaga kerja hanya boleh menagih pencari kerja **paling banyak 10% dari gaji bulan pertama**. Tidak lebih.

Contoh: jika gaji bulan pertama Anda HK$5.000, agen paling banyak boleh menagih HK$500.

## Jika agen menagih lebih

- Simpan kuitansi, pesan, dan apa pun yang menunjukkan berapa yang Anda bayar.
- Laporkan ke Employment Agencies Administration di Labour Department.
- Atau hubungi hotline Labour Department untuk pekerja rumah tangga asing: **2157 9537** (24 jam; penerjemah pukul 08:00–22:00 kecuali hari libur umum). Hotline ini juga menerima pengaduan tentang agen.

Penasihat Kaifong dapat membantu Anda menyiapkan apa yang akan disampaikan.
`,
      },
    },
  },
  {
    slug: 'help-at-night',
    topic: 'wellbeing',
    audiences: ['domestic-worker', 'skilled-migrant', 'employer'],
    sources: [SOURCE.csrp, SOURCE.fdhHotline, SOURCE.ldEnquiries],
    checkedOn: CHECKED_ON,
    texts: {
      en: {
        title: 'Where to get help at night',
        summary: 'Lines that answer at night: for danger, for despair, and for problems at work.',
        body: `## If someone is in danger now

Call **999** (police, fire, ambulance).

## If you feel desperate or cannot cope

These lines answer 24 hours:

- **The Samaritans: 2896 0000** (English, Cantonese, Mandarin and other languages)
- **Samaritan Befrienders Hong Kong: 2389 2222** (Cantonese and English)

## Problems at work, at any hour

- **Labour Department hotline for foreign domestic helpers: 2157 9537**, 24 hours in Cantonese, English and Putonghua. Interpreters for Tagalog, Bahasa Indonesia, Thai, Nepali, Hindi, Punjabi and Urdu from 08:00 to 22:00, except public holidays.
- **Labour Department enquiries: 2717 1771**, 24 hours (answered by 1823).

## Ask Kaifong

Send a help request and choose "Emergency". We show these numbers at once and pass your request to an adviser on duty; if nobody is on duty, our coordinators are told. Tell us a safe way and time to contact you.
`,
      },
      'zh-Hant': {
        title: '夜間可以向哪裡求助',
        summary: '晚上也有人接聽的熱線：遇到危險、感到絕望，或工作上有問題時。',
        body: `## 有人正身處危險

請致電 **999**（警察、消防、救護）。

## 如果你感到絕望或無法應付

以下熱線 24 小時接聽：

- **The Samaritans：2896 0000**（英語、廣東話、普通話及其他語言）
- **Samaritan Befrienders Hong Kong：2389 2222**（廣東話及英語）

## 工作上的問題，任何時間

- **勞工處外籍家庭傭工熱線：2157 9537**，24 小時以廣東話、英語及普通話接聽；他加祿語、印尼語、泰語、尼泊爾語、印地語、旁遮普語及烏爾都語傳譯服務於 08:00 至 22:00 提供（公眾假期除外）。
- **勞工處查詢熱線：2717 1771**，24 小時（由 1823 接聽）。

## 向街坊求助

提交求助時選擇「緊急」，我們會即時顯示這些電話號碼，並把你的求助交給正在值班的顧問；如果沒有人值班，統籌人員會收到通知。請告訴我們一個安全的聯絡方法和時間。
`,
      },
      tl: {
        title: 'Saan hihingi ng tulong sa gabi',
        summary: 'Mga linyang sumasagot sa gabi: kapag may panganib, kapag nawawalan ka ng pag-asa, at para sa problema sa trabaho.',
        body: `## Kung may nasa panganib ngayon

Tumawag sa **999** (pulis, bumbero, ambulansya).

## Kung nawawalan ka ng pag-asa o hindi mo na kaya

Sumasagot ang mga linyang ito 24 na oras:

- **The Samaritans: 2896 0000** (English, Cantonese, Mandarin at iba pang wika)
- **Samaritan Befrienders Hong Kong: 2389 2222** (Cantonese at English)

## Problema sa trabaho, anumang oras

- **Hotline ng Labour Department para sa mga foreign domestic helper: 2157 9537**, 24 na oras sa Cantonese, English at Putonghua. May interpreter sa Tagalog, Bahasa Indonesia, Thai, Nepali, Hindi, Punjabi at Urdu mula 08:00 hanggang 22:00, maliban sa mga public holiday.
- **Labour Department enquiries: 2717 1771**, 24 na oras (sinasagot ng 1823).

## Magtanong sa Kaifong

Magpadala ng help request at piliin ang "Emergency". Ipapakita agad namin ang mga numerong ito at ibibigay ang request mo sa isang adviser na naka-duty; kung walang naka-duty, sasabihan ang aming mga coordinator. Sabihin sa amin ang ligtas na paraan at oras para makontak ka.
`,
      },
      id: {
        title: 'Tempat meminta bantuan di malam hari',
        summary: 'Saluran yang menjawab di malam hari: saat ada bahaya, saat putus asa, dan untuk masalah pekerjaan.',
        body: `## Jika seseorang dalam bahaya sekarang

Hubungi **999** (polisi, pemadam kebakaran, ambulans).

## Jika Anda merasa putus asa atau tidak sanggup lagi

Saluran ini menjawab 24 jam:

- **The Samaritans: 2896 0000** (Inggris, Kanton, Mandarin dan bahasa lain)
- **Samaritan Befrienders Hong Kong: 2389 2222** (Kanton dan Inggris)

## Masalah pekerjaan, kapan saja

- **Hotline Labour Department untuk pekerja rumah tangga asing: 2157 9537**, 24 jam dalam bahasa Kanton, Inggris dan Putonghua. Penerjemah bahasa Tagalog, Indonesia, Thai, Nepal, Hindi, Punjabi dan Urdu pukul 08:00–22:00, kecuali hari libur umum.
- **Labour Department enquiries: 2717 1771**, 24 jam (dijawab oleh 1823).

## Tanya Kaifong

Kirim permintaan bantuan dan pilih "Darurat". Kami langsung menampilkan nomor-nomor ini dan meneruskan permintaan Anda kepada penasihat yang sedang bertugas; jika tidak ada yang bertugas, koordinator kami diberi tahu. Beri tahu kami cara dan waktu yang aman untuk menghubungi Anda.
`,
      },
    },
  },
  {
    slug: 'qualification-recognition',
    topic: 'qualifications-jobs',
    audiences: ['skilled-migrant'],
    sources: [
      SOURCE.hkcaavq,
      SOURCE.medicalCouncil,
      SOURCE.nursingCouncil,
      SOURCE.lawSociety,
      SOURCE.hkie,
      SOURCE.hkicpa,
      SOURCE.architects,
      SOURCE.jobs,
    ],
    checkedOn: CHECKED_ON,
    texts: {
      en: {
        title: 'Getting your qualifications recognised',
        summary: 'A general assessment by HKCAAVQ, and the separate routes of the regulated professions.',
        body: `## A general assessment: HKCAAVQ

HKCAAVQ assesses a non-local qualification as a whole against a level of the Hong Kong Qualifications Framework. It does not assess professional memberships or work experience. Its assessments are also used for QMAS applications.

## Regulated professions

- **Medicine**: full registration is through the Medical Council's Licensing Examination. Limited registration (up to 3 years, renewable, no examination) and special registration also exist.
- **Nursing**: nurses trained overseas sit the Nursing Council's Licensing Examination.
- **Law**: the Overseas Lawyers Qualification Examination, after at least 2 years' experience after admission.
- **Engineering**: the HKIE has reciprocal recognition for membership.
- **Accounting**: HKICPA's reciprocal agreements with CA ANZ, Chartered Accountants Ireland, ICAEW, ICAS and SAICA run to 30 November 2028.
- **Architecture**: HKIA membership or equivalent, plus 1 year's experience in Hong Kong.

## Finding work meanwhile

The Labour Department's employment services are free: job centres, a telephone service and the Interactive Employment Service.
`,
      },
      'zh-Hant': {
        title: '讓你的資歷獲得認可',
        summary: 'HKCAAVQ 的整體評估，以及受規管專業各自的途徑。',
        body: `## 整體評估：HKCAAVQ

HKCAAVQ 把非本地資歷整體對照香港資歷架構的級別作評估，不評估專業會籍或工作經驗。評估結果亦用於 QMAS 申請。

## 受規管的專業

- **醫生**：經醫務委員會執業資格試取得正式註冊；另有有限度註冊（最長 3 年，可續期，毋須考試）及特別註冊。
- **護士**：在海外受訓的護士須參加護士管理局的執業資格考試。
- **律師**：取得執業資格後最少有 2 年經驗，可參加海外律師資格考試。
- **工程師**：HKIE 設有會籍互認安排。
- **會計師**：HKICPA 與 CA ANZ、Chartered Accountants Ireland、ICAEW、ICAS 及 SAICA 的互認協議有效至 2028 年 11 月 30 日。
- **建築師**：須為 HKIA 會員或具同等資格，並有 1 年香港工作經驗。

## 同時找工作

勞工處的就業服務免費：包括就業中心、電話服務及互動就業服務。
`,
      },
    },
  },
  {
    slug: 'first-weeks-in-hong-kong',
    topic: 'other',
    audiences: ['skilled-migrant'],
    sources: [SOURCE.hkid, SOURCE.mpf, SOURCE.hospital, SOURCE.immigration],
    checkedOn: CHECKED_ON,
    texts: {
      en: {
        title: 'Your first weeks in Hong Kong',
        summary: 'Identity card, MPF, public hospital fees and where to ask about visas.',
        body: `## Your Hong Kong identity card

Anyone aged 11 or over who is allowed to stay in Hong Kong for more than 180 days must register for an identity card within 30 days.

## MPF (retirement savings)

Domestic employees are exempt from the MPF. So are people hired from overseas for 13 months or less.

## Public hospital emergency (A&E)

From 1 January 2026 an A&E visit at a public hospital costs HK$400 for eligible persons.

## Visa questions

The Immigration Department's enquiry line is **2824 6111** (menu in Cantonese, Putonghua and English).
`,
      },
    },
  },
];
