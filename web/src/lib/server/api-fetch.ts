// Server loads and actions call the API with event.fetch('/api/...'). Those paths belong to
// Fastify, not SvelteKit, so SvelteKit's own same-origin fetch (which routes internally)
// cannot answer them. Inside the Fastify server we hand the request to app.inject (no
// network hop); elsewhere (npm run dev: Vite proxies /api) we make a real request to the
// same origin. Either way the reader's cookies go along and the API's Set-Cookie comes back.
import type { Cookies, HandleFetch, RequestEvent } from '@sveltejs/kit';

export interface InjectContext {
  /** The reader's IP address, so the API's rate limits and logs see the real client. */
  clientAddress?: string;
}

export type InjectApiRequest = (request: Request, context?: InjectContext) => Promise<Response>;

/** Paths Fastify answers itself; the web app never renders them. */
export function isServerPath(pathname: string): boolean {
  return /^\/(api|dev|admin\/queues)(\/|$)/.test(pathname);
}

export const forwardApiFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !isServerPath(url.pathname)) return fetch(request);

  if (request.credentials !== 'omit' && !request.headers.has('cookie')) {
    const cookie = cookieHeader(event.cookies);
    if (cookie !== '') request.headers.set('cookie', cookie);
  }
  const acceptLanguage = event.request.headers.get('accept-language');
  if (acceptLanguage && !request.headers.has('accept-language')) request.headers.set('accept-language', acceptLanguage);
  if (request.method !== 'GET' && request.method !== 'HEAD' && !request.headers.has('origin')) {
    request.headers.set('origin', event.url.origin);
  }

  const inject = globalThis.__kaifongInject;
  const response = inject
    ? await inject(request, { clientAddress: clientAddress(event) })
    : await globalThis.fetch(request, { redirect: 'manual' });
  passSetCookies(response, event.cookies);
  return response;
};

function cookieHeader(cookies: Cookies): string {
  // Raw values: they were encoded by whoever set them and must reach the API unchanged.
  return cookies
    .getAll({ decode: (value: string) => value })
    .map(({ name, value }) => `${name}=${value}`)
    .join('; ');
}

function clientAddress(event: RequestEvent): string | undefined {
  try {
    return event.getClientAddress();
  } catch {
    return undefined;
  }
}

type CookieOptions = Parameters<Cookies['set']>[2];

/** Copies the API's Set-Cookie headers onto the page response, as SvelteKit does for its own routes. */
function passSetCookies(response: Response, cookies: Cookies): void {
  for (const header of response.headers.getSetCookie()) {
    const parsed = parseSetCookie(header);
    if (parsed) cookies.set(parsed.name, parsed.value, parsed.options);
  }
}

export function parseSetCookie(header: string): { name: string; value: string; options: CookieOptions } | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const equals = pair.indexOf('=');
  if (equals <= 0) return undefined;
  const name = pair.slice(0, equals).trim();
  const value = pair.slice(equals + 1).trim();
  // Keep the value exactly as the API encoded it.
  const options: CookieOptions = { path: '/', httpOnly: false, secure: false, encode: (v: string) => v };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const arg = at === -1 ? '' : attribute.slice(at + 1).trim();
    switch (key) {
      case 'path':
        options.path = arg || '/';
        break;
      case 'domain':
        options.domain = arg;
        break;
      case 'max-age':
        if (/^-?\d+$/.test(arg)) options.maxAge = Number(arg);
        break;
      case 'expires': {
        const date = new Date(arg);
        if (!Number.isNaN(date.getTime())) options.expires = date;
        break;
      }
      case 'httponly':
        options.httpOnly = true;
        break;
      case 'secure':
        options.secure = true;
        break;
      case 'samesite': {
        const mode = arg.toLowerCase();
        if (mode === 'lax' || mode === 'strict' || mode === 'none') options.sameSite = mode;
        break;
      }
      case 'partitioned':
        options.partitioned = true;
        break;
    }
  }
  return { name, value, options };
}
