// The HTML of every email comes from the Eta views in ./views/: each file is read and compiled
// once, when this module loads (never per message), and rendered by name with typed data.
// Every <%= %> is escaped; <%~ %> is only for HTML that another view rendered (MailHtml).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { escapeUTF8 } from 'entities';
import { TemplateError } from './template.ts';

declare const mailHtml: unique symbol;
/** HTML rendered by a view: the only kind of value a view may print raw. */
export type MailHtml = string & { readonly [mailHtml]: true };

/** A link in small print: the colour says whether it is the call to action or the footer's. */
export interface Anchor {
  href: string;
  label: string;
  style: string;
}

/** Each view's data. Inside the .eta files TypeScript does not check it, so it is checked here, at the call. */
export interface Views {
  frame: {
    lang: string;
    title: string;
    preheader: string;
    brand: string;
    tagline: string;
    /** The site's home page, with its trailing slash. */
    siteUrl: string;
    /** The site's address as the footer shows it, without the scheme. */
    siteLabel: string;
    unsubscribe: { href: string; label: string } | null;
    body: MailHtml;
  };
  /** Lines joined by <br>; with `bulleted`, the lines after the first are list items. */
  paragraph: { lines: readonly string[]; bulleted: boolean };
  'small-print': { text: string | null; anchor: Anchor | null };
  anchor: Anchor;
  button: { href: string; label: string };
  quote: { lines: readonly string[] };
  list: { heading: string; items: readonly string[] };
  action: { link: string; label: string };
  'sign-in-link': { greeting: string; intro: string; link: string; action: string; fallback: string; notYou: string };
}

// Unquoted family names (valid CSS), so the attribute needs no escaped quotes.
const FONT = '-apple-system,Segoe UI,Roboto,Noto Sans,Noto Sans CJK TC,PingFang HK,Microsoft JhengHei,Arial,sans-serif';

const eta = new Eta({
  autoEscape: true,
  // What is in a view file is what is sent; `-%>` joins a tag to the next line where a view wants that.
  autoTrim: false,
  // The same escaping the emails always had (entities: & < > " ' as &amp; &lt; &gt; &quot; &apos;).
  // A view printing a missing value is a bug: fail the row rather than email "undefined".
  escapeFunction: (value: unknown) => {
    if (value === undefined || value === null) throw new TemplateError('An email view printed a missing value.');
    return escapeUTF8(String(value));
  },
  functionHeader: `const FONT = ${JSON.stringify(FONT)};`,
});

const VIEWS_DIR = fileURLToPath(new URL('./views/', import.meta.url));
for (const file of readdirSync(VIEWS_DIR)) {
  if (!file.endsWith('.eta')) continue;
  // A file's last line break is the editor's, not the markup's (the frame ends with an empty line for its own).
  const source = readFileSync(VIEWS_DIR + file, 'utf8').replace(/\r?\n$/, '');
  eta.loadTemplate(`@${file.slice(0, -'.eta'.length)}`, source);
}

export function renderView<Name extends keyof Views>(name: Name, data: Views[Name]): MailHtml {
  return eta.render(`@${name}`, data) as MailHtml;
}

/** Views rendered one after the other, as one piece of HTML. */
export function joinHtml(parts: readonly MailHtml[]): MailHtml {
  return parts.join('') as MailHtml;
}
