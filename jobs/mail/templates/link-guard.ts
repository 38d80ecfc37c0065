// The last check before an email leaves: every link in it (HTML attributes, and anything a mail
// client would turn into a link in the HTML or the text) must be on the site. Templates already
// resolve their links with absoluteLink and hide links in other people's words (quotedText);
// this catches whatever a template forgot, so a row can never make Kaifong email a link elsewhere.
import { decodeHTML } from 'entities';
import { TemplateError, type RenderedEmail } from './template.ts';

const LINK_ATTRIBUTE = /\s(?:href|src|action|formaction|background|poster|cite)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const SCHEME_LINK = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"']+/gi;
// Not after "@": an address at a www. host is an email address, not a link.
const WWW_LINK = /(?<![@\w.-])www\.[^\s<>"']+/gi;
const TRAILING_PUNCTUATION = /[).,;:!?\]}'"]+$/;

function offSite(link: string, site: URL): string | undefined {
  let resolved: URL;
  try {
    resolved = new URL(link.trim(), `${site.origin}/`);
  } catch {
    return link;
  }
  return resolved.origin === site.origin ? undefined : link;
}

/** The first link in `email` that leaves `publicUrl`'s origin, if any. */
export function findOffSiteLink(email: RenderedEmail, publicUrl: string): string | undefined {
  const site = new URL(publicUrl);
  const decodedHtml = decodeHTML(email.html);

  for (const match of email.html.matchAll(LINK_ATTRIBUTE)) {
    const value = decodeHTML(match[1] ?? match[2] ?? match[3] ?? '');
    const bad = offSite(value, site);
    if (bad !== undefined) return bad;
  }
  for (const content of [decodedHtml, email.text, email.subject]) {
    for (const match of content.matchAll(SCHEME_LINK)) {
      const bad = offSite(match[0].replace(TRAILING_PUNCTUATION, ''), site);
      if (bad !== undefined) return bad;
    }
    for (const match of content.matchAll(WWW_LINK)) {
      // Clients link "www.…" with whatever scheme they like: compare the host only.
      const host = match[0].replace(TRAILING_PUNCTUATION, '').split(/[/?#]/)[0]!.toLowerCase();
      if (host !== site.host) return match[0];
    }
  }
  return undefined;
}

export function assertLinksOnSite(email: RenderedEmail, publicUrl: string): void {
  const link = findOffSiteLink(email, publicUrl);
  if (link !== undefined) {
    throw new TemplateError(`The email has a link that is not on ${new URL(publicUrl).origin}: ${link.slice(0, 200)}`);
  }
}
