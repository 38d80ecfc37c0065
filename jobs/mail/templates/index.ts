// The registry of notification templates. Adding a kind: write its module next to this one
// (defineTemplate, payload schema, texts in the four UI languages) and list it below.
import type { NotificationKind } from '../../../drizzle/schema.ts';
import { signInLink } from './sign-in-link.ts';
import { mentorshipRequested } from './mentorship-requested.ts';
import { mentorshipAccepted } from './mentorship-accepted.ts';
import { mentorshipDeclined } from './mentorship-declined.ts';
import { mentorshipWithdrawn } from './mentorship-withdrawn.ts';
import { mentorshipEnded } from './mentorship-ended.ts';
import { mentorshipExpired } from './mentorship-expired.ts';
import { accountDeletedNotice } from './account-deleted-notice.ts';
import { cohortMatchProposal } from './cohort-match-proposal.ts';
import { eventInvitation } from './event-invitation.ts';
import { rsvpConfirmation } from './rsvp-confirmation.ts';
import { waitlistPromotion } from './waitlist-promotion.ts';
import { eventChanged } from './event-changed.ts';
import { eventCancelled } from './event-cancelled.ts';
import { eventReminder } from './event-reminder.ts';
import { helpRequestReceived } from './help-request-received.ts';
import { helpRequestOffered } from './help-request-offered.ts';
import { helpRequestEscalated } from './help-request-escalated.ts';
import { helpRequestMessage } from './help-request-message.ts';
import { helpFollowUpSurvey } from './help-follow-up-survey.ts';
import { assertLinksOnSite } from './link-guard.ts';
import { TemplateError, type NotificationTemplate, type RenderInput, type RenderedEmail } from './template.ts';

const TEMPLATES: readonly NotificationTemplate[] = [
  signInLink,
  mentorshipRequested,
  mentorshipAccepted,
  mentorshipDeclined,
  mentorshipWithdrawn,
  mentorshipEnded,
  mentorshipExpired,
  accountDeletedNotice,
  cohortMatchProposal,
  eventInvitation,
  rsvpConfirmation,
  waitlistPromotion,
  eventChanged,
  eventCancelled,
  eventReminder,
  helpRequestReceived,
  helpRequestOffered,
  helpRequestEscalated,
  helpRequestMessage,
  helpFollowUpSurvey,
];

const byKind = new Map<string, NotificationTemplate>(TEMPLATES.map((template) => [template.kind, template]));

export function hasTemplate(kind: string): kind is NotificationKind {
  return byKind.has(kind);
}

/**
 * Renders one outbox row. Throws TemplateError when the kind has no template, the payload is
 * wrong, or the email would carry a link off the site.
 */
export function renderNotification(kind: string, input: RenderInput): RenderedEmail {
  const template = byKind.get(kind);
  if (!template) throw new TemplateError(`There is no email template for "${kind}" yet.`);
  const email = template.render(input);
  assertLinksOnSite(email, input.publicUrl);
  return email;
}

export { TemplateError, type RenderedEmail, type RenderInput } from './template.ts';
