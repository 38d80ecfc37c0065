// Writing guides: admins and members of an approved organisation create a guide (in English, the
// fallback every reader can get) and write or correct its translations. The Markdown is rendered
// and sanitised once, when it is saved, like an event's description. Every save records who and
// when (which also keeps the start-up sync off the row: docs/decisions/009) and is audited.
import { and, count, eq } from 'drizzle-orm';
import { auditLog, helpGuides, helpGuideTranslations, organisationMembers, organisations } from '../../drizzle/schema.ts';
import type { Db, Queryable } from '../db/client.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import type { UiLocale } from '../reference/data.ts';
import type { DirectorySource } from '../reference/help-directory.ts';
import type { GuideAudience, HelpTopic } from '../reference/help.ts';
import { renderMarkdown } from './markdown.ts';
import { slugify, slugSuffix, validateWebsite } from './organisations.ts';

/** Guides editors write come after the curated ones. */
const EDITED_SORT_ORDER = 1000;

export interface GuideEditor {
  id: string;
  roles: readonly string[];
}

export interface GuideTextInput {
  title: string;
  summary: string;
  bodyMarkdown: string;
  sources: { title: string; url?: string | null; kind: DirectorySource['kind'] }[];
  /** YYYY-MM-DD: when a person last checked the guide against its sources. */
  checkedOn: string;
}

export interface NewGuideInput extends GuideTextInput {
  topic: HelpTopic;
  audiences: GuideAudience[];
}

/** Admins, and members (owners or editors) of an organisation an admin has approved. */
export async function canEditGuides(q: Queryable, user: GuideEditor | null | undefined): Promise<boolean> {
  if (!user) return false;
  if (user.roles.includes('admin')) return true;
  const [row] = await q
    .select({ n: count() })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.userId, user.id), eq(organisations.status, 'approved')));
  return (row?.n ?? 0) > 0;
}

async function requireGuideEditor(q: Queryable, user: GuideEditor): Promise<void> {
  if (!(await canEditGuides(q, user))) throw forbidden('Only admins and members of an approved organisation can edit guides.');
}

function cleanText(input: GuideTextInput) {
  const title = input.title.trim();
  const summary = input.summary.trim();
  const bodyMd = input.bodyMarkdown.trim();
  for (const [field, value] of [
    ['title', title],
    ['summary', summary],
    ['bodyMarkdown', bodyMd],
  ] as const) {
    if (!value) throw badRequest(`${field}: write something here.`, { issues: [{ in: 'body', field, message: 'must not be blank' }] });
  }
  const bodyHtml = renderMarkdown(bodyMd);
  if (!bodyHtml) throw badRequest('bodyMarkdown: nothing is left once unsafe markup is removed.', { issues: [{ in: 'body', field: 'bodyMarkdown', message: 'empty once sanitised' }] });
  const sources: DirectorySource[] = input.sources.map((source, index) => {
    const sourceTitle = source.title.trim();
    if (!sourceTitle) throw badRequest(`sources.${index}.title: name the source.`, { issues: [{ in: 'body', field: `sources.${index}.title`, message: 'must not be blank' }] });
    return { title: sourceTitle, url: validateWebsite(source.url, `sources.${index}.url`), kind: source.kind };
  });
  const checked = new Date(`${input.checkedOn}T00:00:00Z`);
  if (Number.isNaN(checked.getTime()) || checked.toISOString().slice(0, 10) !== input.checkedOn) {
    throw badRequest(`checkedOn: "${input.checkedOn}" is not a date.`, { issues: [{ in: 'body', field: 'checkedOn', message: 'not a date' }] });
  }
  // A day of slack for time zones: Hong Kong is ahead of UTC.
  if (checked.getTime() > Date.now() + 86_400_000) {
    throw badRequest('checkedOn: a guide cannot be checked on a day still to come.', { issues: [{ in: 'body', field: 'checkedOn', message: 'in the future' }] });
  }
  return { title, summary, bodyMd, bodyHtml, sources, checkedOn: input.checkedOn };
}

/** A new guide with its English text; the slug comes from the title. */
export async function createGuide(db: Db, editor: GuideEditor, input: NewGuideInput): Promise<{ slug: string }> {
  await requireGuideEditor(db, editor);
  const text = cleanText(input);
  const audiences = [...new Set(input.audiences)];
  const base = slugify(text.title) || 'guide';
  return db.transaction(async (tx) => {
    const now = new Date();
    // The title's slug, else with a suffix; ON CONFLICT so two editors saving the same title at
    // once both get a guide instead of one getting an error.
    let slug: string | undefined;
    for (const candidate of [base, `${base}-${slugSuffix()}`, `${base}-${slugSuffix()}`]) {
      const [inserted] = await tx
        .insert(helpGuides)
        .values({
          slug: candidate,
          topic: input.topic,
          audiences,
          sources: text.sources,
          checkedOn: text.checkedOn,
          sortOrder: EDITED_SORT_ORDER,
          active: true,
          createdBy: editor.id,
          editedBy: editor.id,
          editedAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: helpGuides.slug })
        .returning({ slug: helpGuides.slug });
      if (inserted) {
        slug = inserted.slug;
        break;
      }
    }
    if (!slug) throw new Error('no free guide slug after three tries');
    await tx.insert(helpGuideTranslations).values({
      guideSlug: slug,
      locale: 'en',
      title: text.title,
      summary: text.summary,
      bodyMd: text.bodyMd,
      bodyHtml: text.bodyHtml,
      editedBy: editor.id,
      editedAt: now,
      updatedAt: now,
    });
    await tx.insert(auditLog).values({ actorId: editor.id, action: 'guide.create', subjectType: 'help_guide', subjectId: slug, details: { topic: input.topic, audiences } });
    return { slug };
  });
}

/**
 * Writes one language of a guide (a first translation or a correction), with the guide's sources
 * and checked-on date, which every language shares.
 */
export async function saveGuideTranslation(
  db: Db,
  editor: GuideEditor,
  slug: string,
  locale: UiLocale,
  input: GuideTextInput,
): Promise<{ created: boolean }> {
  await requireGuideEditor(db, editor);
  const text = cleanText(input);
  return db.transaction(async (tx) => {
    const [guide] = await tx
      .select({ slug: helpGuides.slug })
      .from(helpGuides)
      .where(and(eq(helpGuides.slug, slug), eq(helpGuides.active, true)))
      .for('update');
    if (!guide) throw notFound('That guide');
    const [existing] = await tx
      .select({ locale: helpGuideTranslations.locale })
      .from(helpGuideTranslations)
      .where(and(eq(helpGuideTranslations.guideSlug, slug), eq(helpGuideTranslations.locale, locale)));
    const now = new Date();
    const values = { title: text.title, summary: text.summary, bodyMd: text.bodyMd, bodyHtml: text.bodyHtml, editedBy: editor.id, editedAt: now, updatedAt: now };
    await tx
      .insert(helpGuideTranslations)
      .values({ guideSlug: slug, locale, ...values })
      .onConflictDoUpdate({ target: [helpGuideTranslations.guideSlug, helpGuideTranslations.locale], set: values });
    await tx
      .update(helpGuides)
      .set({ sources: text.sources, checkedOn: text.checkedOn, editedBy: editor.id, editedAt: now, updatedAt: now })
      .where(eq(helpGuides.slug, slug));
    await tx.insert(auditLog).values({
      actorId: editor.id,
      action: 'guide.translation.save',
      subjectType: 'help_guide',
      subjectId: slug,
      details: { locale, created: !existing },
    });
    return { created: !existing };
  });
}
