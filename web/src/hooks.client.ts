import { defineCustomClientStrategy, isLocale, baseLocale } from '$lib/paraglide/runtime';

// The server chose the locale and wrote it to <html lang>; the browser takes it from there,
// so the first client render always matches the server's HTML. Changing the language is a
// form POST to /language, which sets the cookie and reloads the page.
defineCustomClientStrategy('custom-kaifong', {
  getLocale: () => {
    const lang = document.documentElement.lang;
    return isLocale(lang) ? lang : baseLocale;
  },
  setLocale: (locale) => {
    document.documentElement.lang = locale;
  },
});
