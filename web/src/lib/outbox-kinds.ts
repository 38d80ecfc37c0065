// The outbox's kinds of email in plain words for coordinators; an unknown kind shows its code.
import { m } from '$lib/paraglide/messages';

const KINDS: Record<string, () => string> = {
  'sign-in-link': m.outbox_kind_sign_in_link,
  'mentorship-requested': m.outbox_kind_mentorship_requested,
  'mentorship-accepted': m.outbox_kind_mentorship_accepted,
  'mentorship-declined': m.outbox_kind_mentorship_declined,
  'mentorship-expired': m.outbox_kind_mentorship_expired,
  'mentorship-withdrawn': m.outbox_kind_mentorship_withdrawn,
  'mentorship-ended': m.outbox_kind_mentorship_ended,
  'cohort-match-proposal': m.outbox_kind_cohort_match_proposal,
  'event-invitation': m.outbox_kind_event_invitation,
  'rsvp-confirmation': m.outbox_kind_rsvp_confirmation,
  'waitlist-promotion': m.outbox_kind_waitlist_promotion,
  'event-changed': m.outbox_kind_event_changed,
  'event-cancelled': m.outbox_kind_event_cancelled,
  'event-reminder': m.outbox_kind_event_reminder,
  'help-request-received': m.outbox_kind_help_received,
  'help-request-offered': m.outbox_kind_help_offered,
  'help-request-escalated': m.outbox_kind_help_escalated,
  'help-request-message': m.outbox_kind_help_message,
  'help-follow-up-survey': m.outbox_kind_help_survey,
  'account-deleted-notice': m.outbox_kind_account_deleted,
};

export function outboxKindName(kind: string): string {
  return KINDS[kind]?.() ?? kind;
}
