// Reading the profile forms' fields (FormData → values) and checking them, shared by the
// migrant and mentor onboarding steps. Values stay as typed (strings) until the final PUT,
// so a form that fails shows exactly what the person entered.
import type { LanguageSkill } from '$lib/api/types';
import { isRecord } from './api';

export const MAX_LANGUAGES = 12;
const LEVELS = ['basic', 'conversational', 'fluent', 'native'];

/** A language row as typed: either part may still be empty. */
export interface LanguageRow {
  code: string;
  level: string;
}

export type FieldErrors = Record<string, string>;

export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

export function list(form: FormData, name: string): string[] {
  return [...new Set(form.getAll(name).filter((value): value is string => typeof value === 'string' && value !== ''))];
}

export function languageRows(form: FormData): LanguageRow[] {
  const rows: LanguageRow[] = [];
  for (let index = 0; index < MAX_LANGUAGES + 2; index++) {
    if (!form.has(`languages.${index}.code`) && !form.has(`languages.${index}.level`)) continue;
    rows.push({ code: text(form, `languages.${index}.code`), level: text(form, `languages.${index}.level`) });
  }
  return rows;
}

/** Rows that are filled in; half-filled rows are errors, blank rows are dropped. */
export function checkLanguages(rows: LanguageRow[], errors: FieldErrors, codes: readonly string[]): LanguageSkill[] {
  const skills: LanguageSkill[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    if (row.code === '' && row.level === '') return;
    if (row.code === '' || !codes.includes(row.code)) {
      errors[`languages.${index}.code`] = 'language_missing';
      return;
    }
    if (!LEVELS.includes(row.level)) {
      errors[`languages.${index}.level`] = 'level_missing';
      return;
    }
    if (seen.has(row.code)) {
      errors[`languages.${index}.code`] = 'language_twice';
      return;
    }
    seen.add(row.code);
    skills.push({ code: row.code, level: row.level as LanguageSkill['level'] });
  });
  if (skills.length === 0 && Object.keys(errors).every((key) => !key.startsWith('languages'))) {
    errors['languages.0.code'] = 'languages_none';
  }
  if (skills.length > MAX_LANGUAGES) errors.languages = 'languages_too_many';
  return skills;
}

/** A whole number within bounds, or an error code. */
export function checkWholeNumber(value: string, min: number, max: number): number | string {
  if (value === '') return 'required';
  if (!/^\d+$/.test(value)) return 'whole_number';
  const number = Number(value);
  if (number < min || number > max) return 'out_of_range';
  return number;
}

export function stringOf(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function rowsOf(value: unknown): LanguageRow[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .map((row) => ({ code: stringOf(row.code), level: stringOf(row.level) }))
    .slice(0, MAX_LANGUAGES);
}
