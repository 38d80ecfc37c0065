// The API's error codes in plain words in the reader's language. The API's own message is
// English and meant for developers; people read these.
import { m } from '$lib/paraglide/messages';

const TEXTS: Record<string, () => string> = {
  TOO_MANY_OPEN_REQUESTS: m.apierror_too_many_open_requests,
  ALREADY_REQUESTED: m.apierror_already_requested,
  MENTOR_UNAVAILABLE: m.apierror_mentor_unavailable,
  NO_SHARED_LANGUAGE: m.apierror_no_shared_language,
  PROFILE_REQUIRED: m.apierror_profile_required,
  MENTOR_FULL: m.apierror_mentor_full,
  INVALID_TRANSITION: m.apierror_invalid_transition,
  ALREADY_IN_STATE: m.apierror_already_in_state,
  NOT_FOUND: m.apierror_not_found,
  FORBIDDEN: m.apierror_forbidden,
  NOT_SIGNED_IN: m.apierror_not_signed_in,
  RATE_LIMITED: m.apierror_rate_limited,
  VALIDATION_FAILED: m.apierror_validation_failed,
  RULE_BROKEN: m.apierror_validation_failed,
};

export function apiErrorText(code: string): string {
  return (TEXTS[code] ?? m.apierror_generic)();
}
