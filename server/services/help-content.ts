// Reading the service directory and the guides. Unconfirmed contacts are for editors only:
// the public never sees a number the reference marks unconfirmed.
import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { helpGuides, helpGuideTranslations, helpServices } from '../../drizzle/schema.ts';
import type { Queryable } from '../db/client.ts';
import { badRequest, notFound } from '../errors.ts';
import { LANGUAGE_CODES, type UiLocale } from '../reference/data.ts';
import type { DirectoryChannel, DirectorySource } from '../reference/help-directory.ts';
import { GOAL_GUIDE_TOPICS, type GuideAudience, type HelpTopic } from '../reference/help.ts';

export interface ServiceView {
  id: string;
  name: string;
  nameZh: string | null;
  summary: string;
  /** The language `summary` is in: the one asked for, else English. */
  summaryLanguage: UiLocale;
  topics: string[];
  languages: string[];
  hours: string | null;
  channels: DirectoryChannel[];
  urgent: boolean;
  source: DirectorySource;
  checkedOn: string;
}

export interface ServiceFilter {
  topic?: HelpTopic;
  language?: string;
  urgent?: boolean;
  lang?: UiLocale;
  /** Editors (admins) also see unconfirmed contacts, marked as such. */
  includeUnconfirmed?: boolean;
}

type ServiceRow = typeof helpServices.$inferSelect;

function presentService(row: ServiceRow, lang: UiLocale, includeUnconfirmed: boolean): ServiceView {
  const summaries = row.summary as Partial<Record<UiLocale, string>> & { en: string };
  const translated = summaries[lang];
  const channels = (row.channels as DirectoryChannel[]).filter((channel) => includeUnconfirmed || channel.confirmed);
  return {
    id: row.slug,
    name: row.name,
    nameZh: row.nameZh,
    summary: translated ?? summaries.en,
    summaryLanguage: translated === undefined ? 'en' : lang,
    topics: row.topics,
    languages: row.languages,
    hours: row.hours,
    channels,
    urgent: row.urgent,
    source: { title: row.sourceTitle, url: row.sourceUrl, kind: row.sourceKind as DirectorySource['kind'] },
    checkedOn: row.checkedOn,
  };
}

export async function listServices(q: Queryable, filter: ServiceFilter = {}): Promise<ServiceView[]> {
  // An unknown code would quietly list nothing, as if no service spoke it.
  if (filter.language !== undefined && !LANGUAGE_CODES.includes(filter.language)) {
    throw badRequest(`language: "${filter.language}" is not a known language code.`, { field: 'language', value: filter.language });
  }
  const conditions = [eq(helpServices.active, true)];
  if (filter.topic) conditions.push(sql`${filter.topic} = any(${helpServices.topics})`);
  if (filter.language) conditions.push(sql`${filter.language} = any(${helpServices.languages})`);
  if (filter.urgent !== undefined) conditions.push(eq(helpServices.urgent, filter.urgent));
  const rows = await q.select().from(helpServices).where(and(...conditions)).orderBy(asc(helpServices.sortOrder), asc(helpServices.slug));
  return rows.map((row) => presentService(row, filter.lang ?? 'en', filter.includeUnconfirmed ?? false));
}

/** The contacts to show at once when someone says it is an emergency. */
export function emergencyContacts(q: Queryable, lang: UiLocale = 'en'): Promise<ServiceView[]> {
  return listServices(q, { urgent: true, lang });
}

export async function findService(q: Queryable, id: string, lang: UiLocale = 'en'): Promise<ServiceView | null> {
  const [row] = await q
    .select()
    .from(helpServices)
    .where(and(eq(helpServices.slug, id), eq(helpServices.active, true)));
  return row ? presentService(row, lang, false) : null;
}

// ------------------------------------------------------------------ guides

export interface GuideSummary {
  slug: string;
  topic: string;
  audiences: string[];
  title: string;
  summary: string;
  /** The language served: the one asked for, else English. */
  language: UiLocale;
  requestedLanguage: UiLocale;
  /** False when the guide is not yet translated into the requested language (English is served). */
  translated: boolean;
  availableLanguages: UiLocale[];
  checkedOn: string;
  sources: DirectorySource[];
}

export interface GuideView extends GuideSummary {
  bodyHtml: string;
  bodyMarkdown: string;
}

export interface GuideFilter {
  topic?: HelpTopic;
  /** Mentee goals: guides on the topics that serve any of them (GOAL_GUIDE_TOPICS). */
  goals?: readonly string[];
  audience?: GuideAudience;
  lang: UiLocale;
  /** Words to find in the title, summary or text (in the served language or English). */
  search?: string;
}

type GuideRow = typeof helpGuides.$inferSelect;
type TranslationRow = typeof helpGuideTranslations.$inferSelect;

function pickTranslation(translations: readonly TranslationRow[], lang: UiLocale): TranslationRow | undefined {
  return translations.find((row) => row.locale === lang) ?? translations.find((row) => row.locale === 'en');
}

function presentGuide(guide: GuideRow, translations: readonly TranslationRow[], lang: UiLocale): GuideView | undefined {
  const text = pickTranslation(translations, lang);
  if (!text) return undefined;
  return {
    slug: guide.slug,
    topic: guide.topic,
    audiences: guide.audiences,
    title: text.title,
    summary: text.summary,
    language: text.locale as UiLocale,
    requestedLanguage: lang,
    translated: text.locale === lang,
    availableLanguages: translations.map((row) => row.locale as UiLocale),
    checkedOn: guide.checkedOn,
    sources: guide.sources as DirectorySource[],
    bodyHtml: text.bodyHtml,
    bodyMarkdown: text.bodyMd,
  };
}

async function translationsFor(q: Queryable, slugs: readonly string[]): Promise<Map<string, TranslationRow[]>> {
  const bySlug = new Map<string, TranslationRow[]>();
  if (slugs.length === 0) return bySlug;
  const rows = await q
    .select()
    .from(helpGuideTranslations)
    .where(inArray(helpGuideTranslations.guideSlug, [...slugs]))
    .orderBy(asc(helpGuideTranslations.locale));
  for (const row of rows) bySlug.set(row.guideSlug, [...(bySlug.get(row.guideSlug) ?? []), row]);
  return bySlug;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

export async function listGuides(q: Queryable, filter: GuideFilter): Promise<GuideSummary[]> {
  const conditions = [eq(helpGuides.active, true)];
  if (filter.topic) conditions.push(eq(helpGuides.topic, filter.topic));
  if (filter.goals) {
    const topics = [...new Set(filter.goals.flatMap((goal) => GOAL_GUIDE_TOPICS[goal] ?? []))];
    if (topics.length === 0) return [];
    conditions.push(inArray(helpGuides.topic, topics));
  }
  if (filter.audience) conditions.push(sql`${filter.audience} = any(${helpGuides.audiences})`);
  const search = filter.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    const matching = q
      .select({ slug: helpGuideTranslations.guideSlug })
      .from(helpGuideTranslations)
      .where(
        and(
          inArray(helpGuideTranslations.locale, [...new Set<UiLocale>([filter.lang, 'en'])]),
          or(ilike(helpGuideTranslations.title, pattern), ilike(helpGuideTranslations.summary, pattern), ilike(helpGuideTranslations.bodyMd, pattern)),
        ),
      );
    conditions.push(inArray(helpGuides.slug, matching));
  }
  const guides = await q.select().from(helpGuides).where(and(...conditions)).orderBy(asc(helpGuides.sortOrder), asc(helpGuides.slug));
  const translations = await translationsFor(
    q,
    guides.map((guide) => guide.slug),
  );
  return guides.flatMap((guide) => {
    const view = presentGuide(guide, translations.get(guide.slug) ?? [], filter.lang);
    if (!view) return [];
    const { bodyHtml: _html, bodyMarkdown: _markdown, ...summary } = view;
    return [summary];
  });
}

export async function getGuide(q: Queryable, slug: string, lang: UiLocale): Promise<GuideView> {
  const [guide] = await q
    .select()
    .from(helpGuides)
    .where(and(eq(helpGuides.slug, slug), eq(helpGuides.active, true)));
  const view = guide ? presentGuide(guide, (await translationsFor(q, [slug])).get(slug) ?? [], lang) : undefined;
  if (!view) throw notFound('That guide');
  return view;
}
