// Escaped-by-default HTML for the server's own small pages (dev mail, unsubscribe, queue
// dashboard): every interpolated value is escaped (by the maintained `entities` library) unless
// it is already SafeHtml. Emails no longer use it: their HTML is Eta views (templates/views.ts).
import { escapeUTF8 } from 'entities';

/** HTML that was built by `html` (or deliberately trusted) and must not be escaped again. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(value: string): string {
  return escapeUTF8(value);
}

function fragment(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join('');
  return escapeUTF8(String(value));
}

/** Tagged template: `html\`<p>${name}</p>\`` escapes `name`; nested `html` fragments and arrays pass through. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += fragment(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusts a string as HTML. Only for markup this codebase produced itself. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
