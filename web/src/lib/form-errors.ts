// Error codes of the profile forms (lib/server/profile-form.ts, step-flow.ts) in plain words.
import { m } from '$lib/paraglide/messages';

export interface ErrorContext {
  label: string;
  min?: number;
  max?: number;
  count?: number;
}

export function fieldErrorText(code: string, { label, min = 0, max = 0, count = 0 }: ErrorContext): string {
  switch (code) {
    case 'required':
      return m.form_error_required({ field: label });
    case 'too_long':
      return m.form_error_too_long({ field: label, max });
    case 'choose':
      return m.form_error_choose({ field: label });
    case 'choose_some':
      return m.form_error_choose_some({ field: label });
    case 'whole_number':
      return m.form_error_whole_number({ field: label });
    case 'out_of_range':
      return m.form_error_out_of_range({ field: label, min, max });
    case 'language_missing':
      return m.form_error_language_missing({ field: label });
    case 'level_missing':
      return m.form_error_level_missing({ field: label });
    case 'language_twice':
      return m.form_error_language_twice({ field: label });
    case 'languages_none':
      return m.form_error_languages_none();
    case 'languages_too_many':
      return m.form_error_languages_too_many({ max });
    case 'too_many_expertise':
      return m.form_error_expertise_too_many({ field: label });
    case 'capacity_below_active':
      return m.form_error_capacity_below({ count });
    default:
      return m.form_error_check({ field: label });
  }
}

/** "languages.1.level" → "languages-1-level", the id of the field in the page. */
export function fieldId(field: string): string {
  return field.replaceAll('.', '-');
}
