// Event descriptions: organisers write Markdown, everyone else reads sanitised HTML. The HTML is
// rendered once when the description is saved (events.description_html), never in the browser.
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'strong', 'b', 'em', 'i', 's', 'del', 'sub', 'sup', 'mark', 'small',
    'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption',
  ],
  // No style, no class, no on* handlers: only what a link and a table cell need (rel and target
  // are always ours: the transform below overwrites whatever the author wrote).
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], th: ['align'], td: ['align'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links leave the site: no referrer, no window.opener, and no search-engine credit for spam.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow ugc', target: '_blank' }, true),
  },
};

/** Markdown (GitHub flavoured, as organisers paste it) to HTML that is safe to put on a page. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false });
  return sanitizeHtml(html, SANITIZE).trim();
}
