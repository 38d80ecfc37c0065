// Makes the reference tables say exactly what server/reference/data.ts says. Runs at every
// start, before anything reads them: an upsert, so it is idempotent and a renamed district or
// a new language lands without a migration. Codes are never deleted here: rows elsewhere may
// point at them, and removing a code is a migration's job.
import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { districts, goals, industries, industryGroups, languages } from '../../drizzle/schema.ts';
import type { Queryable } from '../db/client.ts';
import { DISTRICTS, GOALS, INDUSTRY_GROUPS, LANGUAGES } from './data.ts';
import { syncHelpContent } from './help-sync.ts';

export interface ReferenceCounts {
  districts: number;
  languages: number;
  industryGroups: number;
  industries: number;
  goals: number;
}

/** `set` for ON CONFLICT DO UPDATE: every listed column takes the incoming (excluded) value. */
function takeIncoming(columns: Record<string, PgColumn>): Record<string, SQL> {
  return Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]));
}

async function upsert<T extends PgTable>(
  q: Queryable,
  table: T,
  key: PgColumn,
  updated: Record<string, PgColumn>,
  rows: T['$inferInsert'][],
): Promise<void> {
  if (rows.length === 0) return;
  await q.insert(table).values(rows).onConflictDoUpdate({ target: key, set: takeIncoming(updated) });
}

export async function syncReferenceData(q: Queryable): Promise<ReferenceCounts> {
  await upsert(
    q,
    districts,
    districts.code,
    { region: districts.region, nameEn: districts.nameEn, nameZh: districts.nameZh, sortOrder: districts.sortOrder },
    DISTRICTS.map((district, index) => ({
      code: district.code,
      region: district.region,
      nameEn: district.names.en,
      nameZh: district.names['zh-Hant'],
      sortOrder: index,
    })),
  );
  await upsert(
    q,
    languages,
    languages.code,
    { nameEn: languages.nameEn, nameZh: languages.nameZh, endonym: languages.endonym, sortOrder: languages.sortOrder },
    LANGUAGES.map((language, index) => ({
      code: language.code,
      nameEn: language.names.en,
      nameZh: language.names['zh-Hant'],
      endonym: language.endonym,
      sortOrder: index,
    })),
  );
  // Groups before industries: industries.group_code references them.
  await upsert(
    q,
    industryGroups,
    industryGroups.code,
    { nameEn: industryGroups.nameEn, nameZh: industryGroups.nameZh, sortOrder: industryGroups.sortOrder },
    INDUSTRY_GROUPS.map((group, index) => ({
      code: group.code,
      nameEn: group.names.en,
      nameZh: group.names['zh-Hant'],
      sortOrder: index,
    })),
  );
  const industryRows = INDUSTRY_GROUPS.flatMap((group) => group.industries.map((industry) => ({ group, industry }))).map(
    ({ group, industry }, index) => ({
      code: industry.code,
      groupCode: group.code,
      nameEn: industry.names.en,
      nameZh: industry.names['zh-Hant'],
      sortOrder: index,
    }),
  );
  await upsert(
    q,
    industries,
    industries.code,
    { groupCode: industries.groupCode, nameEn: industries.nameEn, nameZh: industries.nameZh, sortOrder: industries.sortOrder },
    industryRows,
  );
  await upsert(
    q,
    goals,
    goals.code,
    { nameEn: goals.nameEn, nameZh: goals.nameZh, sortOrder: goals.sortOrder },
    GOALS.map((goal, index) => ({ code: goal.code, nameEn: goal.names.en, nameZh: goal.names['zh-Hant'], sortOrder: index })),
  );
  // The help desk's directory and guides are curated content, kept the same way (never wiped by a seed).
  await syncHelpContent(q);
  return {
    districts: DISTRICTS.length,
    languages: LANGUAGES.length,
    industryGroups: INDUSTRY_GROUPS.length,
    industries: industryRows.length,
    goals: GOALS.length,
  };
}
