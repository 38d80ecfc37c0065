// Makes the directory and guide tables say what help-directory.ts and help-guides.ts say. Runs
// with the reference data at every start (an upsert, so idempotent), which also means
// `npm run seed` never wipes them. Entries removed from the code turn inactive instead of being
// deleted: a case referred to a service keeps pointing at it. A guide or translation an editor
// has saved (edited_at set) belongs to the editors from then on: the sync only inserts what is
// missing and never updates, deactivates or deletes an edited row (docs/decisions/009).
import { and, eq, isNull, notInArray, sql } from 'drizzle-orm';
import { helpGuides, helpGuideTranslations, helpServices } from '../../drizzle/schema.ts';
import type { Queryable } from '../db/client.ts';
import { DIRECTORY } from './help-directory.ts';
import { GUIDES } from './help-guides.ts';
import { renderMarkdown } from '../services/markdown.ts';


const excluded = (column: string) => sql.raw(`excluded."${column}"`);

export async function syncHelpContent(q: Queryable): Promise<{ services: number; guides: number }> {
  const now = new Date();
  if (DIRECTORY.length > 0) {
    await q
      .insert(helpServices)
      .values(
        DIRECTORY.map((entry, index) => ({
          slug: entry.slug,
          name: entry.name,
          nameZh: entry.nameZh ?? null,
          summary: entry.summary,
          topics: entry.topics,
          languages: entry.languages,
          hours: entry.hours,
          channels: entry.channels,
          urgent: entry.urgent,
          sourceTitle: entry.source.title,
          sourceUrl: entry.source.url,
          sourceKind: entry.source.kind,
          checkedOn: entry.checkedOn,
          sortOrder: index,
          active: true,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: helpServices.slug,
        set: Object.fromEntries(
          [
            ['name', 'name'],
            ['nameZh', 'name_zh'],
            ['summary', 'summary'],
            ['topics', 'topics'],
            ['languages', 'languages'],
            ['hours', 'hours'],
            ['channels', 'channels'],
            ['urgent', 'urgent'],
            ['sourceTitle', 'source_title'],
            ['sourceUrl', 'source_url'],
            ['sourceKind', 'source_kind'],
            ['checkedOn', 'checked_on'],
            ['sortOrder', 'sort_order'],
            ['active', 'active'],
            ['updatedAt', 'updated_at'],
          ].map(([key, column]) => [key, excluded(column!)]),
        ),
      });
  }
  await q
    .update(helpServices)
    .set({ active: false, updatedAt: now })
    .where(and(sql`${helpServices.active}`, notInArray(helpServices.slug, DIRECTORY.map((entry) => entry.slug))));

  if (GUIDES.length > 0) {
    await q
      .insert(helpGuides)
      .values(
        GUIDES.map((guide, index) => ({
          slug: guide.slug,
          topic: guide.topic,
          audiences: guide.audiences,
          sources: guide.sources,
          checkedOn: guide.checkedOn,
          sortOrder: index,
          active: true,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: helpGuides.slug,
        set: {
          topic: excluded('topic'),
          audiences: excluded('audiences'),
          sources: excluded('sources'),
          checkedOn: excluded('checked_on'),
          sortOrder: excluded('sort_order'),
          active: excluded('active'),
          updatedAt: excluded('updated_at'),
        },
        setWhere: isNull(helpGuides.editedAt),
      });
    const translations = GUIDES.flatMap((guide) =>
      Object.entries(guide.texts).map(([locale, text]) => ({
        guideSlug: guide.slug,
        locale,
        title: text.title,
        summary: text.summary,
        bodyMd: text.body,
        bodyHtml: renderMarkdown(text.body),
        updatedAt: now,
      })),
    );
    await q
      .insert(helpGuideTranslations)
      .values(translations)
      .onConflictDoUpdate({
        target: [helpGuideTranslations.guideSlug, helpGuideTranslations.locale],
        set: {
          title: excluded('title'),
          summary: excluded('summary'),
          bodyMd: excluded('body_md'),
          bodyHtml: excluded('body_html'),
          updatedAt: excluded('updated_at'),
        },
        setWhere: isNull(helpGuideTranslations.editedAt),
      });
    for (const guide of GUIDES) {
      await q
        .delete(helpGuideTranslations)
        .where(
          and(
            eq(helpGuideTranslations.guideSlug, guide.slug),
            notInArray(helpGuideTranslations.locale, Object.keys(guide.texts)),
            isNull(helpGuideTranslations.editedAt),
          ),
        );
    }
  }
  await q
    .update(helpGuides)
    .set({ active: false, updatedAt: now })
    .where(and(sql`${helpGuides.active}`, isNull(helpGuides.editedAt), notInArray(helpGuides.slug, GUIDES.map((guide) => guide.slug))));
  return { services: DIRECTORY.length, guides: GUIDES.length };
}
