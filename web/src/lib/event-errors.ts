// The API's error codes about events, organisations, cohorts and the outbox in plain words;
// anything else falls back to the general texts of api-errors.ts.
import { apiErrorText } from '$lib/api-errors';
import { m } from '$lib/paraglide/messages';

const TEXTS: Record<string, () => string> = {
  EVENT_CANCELLED: m.event_error_cancelled,
  EVENT_OVER: m.event_error_over,
  EVENT_NOT_OPEN: m.event_error_not_open,
  EVENT_NOT_PUBLISHED: m.event_error_not_published,
  EVENT_IN_PAST: m.event_error_in_past,
  PLACE_REQUIRED: m.event_error_place_required,
  ORGANISATION_NOT_APPROVED: m.org_error_not_approved,
  LAST_OWNER: m.org_error_last_owner,
  NOT_GOING: m.checkin_error_not_going,
  ALREADY_CHECKED_IN: m.checkin_error_already,
  EMPTY_SIDE: m.cohort_error_empty_side,
  COHORT_TOO_LARGE: m.cohort_error_too_large,
  NOT_FAILED: m.outbox_error_not_failed,
  CONFLICT: m.event_error_conflict,
};

export function eventErrorText(code: string): string {
  const text = TEXTS[code];
  return text ? text() : apiErrorText(code);
}
