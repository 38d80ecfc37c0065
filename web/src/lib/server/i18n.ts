// Paraglide's getLocale() reads the request's locale from this AsyncLocalStorage on the
// server, so message functions called anywhere during the request use the right language.
// We fill it ourselves (not with paraglideMiddleware) because the locale is chosen in
// hooks.server.ts from sources Paraglide cannot see (the user's saved setting).
import { AsyncLocalStorage } from 'node:async_hooks';
import { overwriteServerAsyncLocalStorage, type Locale } from '$lib/paraglide/runtime';

interface LocaleStore {
  locale?: Locale;
  origin?: string;
  messageCalls?: Set<string>;
}

const storage = new AsyncLocalStorage<LocaleStore>();
overwriteServerAsyncLocalStorage(storage);

export function runWithLocale<T>(locale: Locale, render: () => T): T {
  return storage.run({ locale, messageCalls: new Set() }, render);
}
