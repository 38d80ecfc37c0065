// What a notification template is: a payload schema and a render function per kind.
// defineTemplate validates the row's payload before rendering, so a template body only sees
// well-formed data; a bad payload or an unsafe link is a TemplateError (never retried).
import type { Static, TSchema } from 'typebox';
import Value from 'typebox/value';
import type { NotificationKind } from '../../../drizzle/schema.ts';
import { UI_LOCALES, type UiLocale } from '../../../server/reference/data.ts';
import type { MailAttachment } from '../message.ts';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Files built from the payload when the message is rendered (e.g. an event's .ics). */
  attachments?: MailAttachment[];
}

/** The envelope of the message being rendered, for templates whose attachments name it (iCalendar's ORGANIZER/ATTENDEE). */
export interface MailEnvelope {
  /** MAIL_FROM, e.g. "Kaifong <hello@kaifong.test>". */
  from: string;
  to: string;
}

export interface TemplateContext<Payload> {
  payload: Payload;
  locale: UiLocale;
  /** Origin of the site, without a trailing slash; every link in an email is absolute to it. */
  publicUrl: string;
  /** For kinds the recipient may turn off: the one-click link (RFC 8058) to put in the footer. */
  unsubscribeUrl?: string;
  envelope?: MailEnvelope;
}

export interface RenderInput {
  payload: unknown;
  locale: string;
  publicUrl: string;
  unsubscribeUrl?: string;
  envelope?: MailEnvelope;
}

export interface NotificationTemplate {
  kind: NotificationKind;
  render(input: RenderInput): RenderedEmail;
}

/** A template cannot render this row (unknown kind, bad payload, foreign link): retrying will not help. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

export function toUiLocale(locale: string): UiLocale {
  return (UI_LOCALES as readonly string[]).includes(locale) ? (locale as UiLocale) : 'en';
}

export function defineTemplate<S extends TSchema>(spec: {
  kind: NotificationKind;
  payload: S;
  render(context: TemplateContext<Static<S>>): RenderedEmail;
}): NotificationTemplate {
  return {
    kind: spec.kind,
    render(input) {
      if (!Value.Check(spec.payload, input.payload)) {
        const problems = [...Value.Errors(spec.payload, input.payload)]
          .slice(0, 3)
          .map((error) => `${error.instancePath || '/'} ${error.message}`)
          .join('; ');
        throw new TemplateError(`The ${spec.kind} payload is not valid: ${problems}.`);
      }
      return spec.render({
        payload: input.payload as Static<S>,
        locale: toUiLocale(input.locale),
        publicUrl: input.publicUrl,
        unsubscribeUrl: input.unsubscribeUrl,
        envelope: input.envelope,
      });
    },
  };
}

/**
 * Resolves a link from a payload against the site and refuses any other origin, so a row
 * can never make Kaifong email a link to somewhere else.
 */
export function absoluteLink(publicUrl: string, link: string): string {
  const site = new URL(publicUrl);
  let resolved: URL;
  try {
    resolved = new URL(link, `${site.origin}/`);
  } catch {
    throw new TemplateError(`"${link}" is not a link.`);
  }
  if (resolved.origin !== site.origin) {
    throw new TemplateError(`The link ${resolved.origin} is not on ${site.origin}.`);
  }
  return resolved.toString();
}

/** Fills {name} placeholders in a translated string. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
