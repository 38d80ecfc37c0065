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
