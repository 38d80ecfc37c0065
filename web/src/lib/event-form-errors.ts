// The event editor's and organisation forms' error codes in plain words (lib/server/event-form.ts).
import { fieldErrorText, type ErrorContext } from '$lib/form-errors';
import { m } from '$lib/paraglide/messages';

export function eventFieldErrorText(code: string, context: ErrorContext): string {
  switch (code) {
    case 'too_short':
      return m.event_form_error_too_short({ field: context.label, min: context.min ?? 3 });
    case 'web_address':
      return m.event_form_error_web_address({ field: context.label });
    case 'date_time':
      return m.event_form_error_date_time({ field: context.label });
    case 'start_in_past':
      return m.event_form_error_start_in_past();
    case 'end_before_start':
      return m.event_form_error_end_before_start();
    case 'email':
      return m.org_error_email({ field: context.label });
    default:
      return fieldErrorText(code, context);
  }
}
