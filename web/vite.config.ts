import { fileURLToPath } from 'node:url';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

// Only `npm run dev` (scripts/dev.ts) uses the dev server: it serves the web app on PORT
// and proxies the routes Fastify owns to the API server that scripts/dev.ts starts.
const apiOrigin = process.env.KAIFONG_API_ORIGIN ?? 'http://127.0.0.1:3001';
const proxyToApi = { target: apiOrigin, changeOrigin: false, xfwd: true };

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: here('./project.inlang'),
      outdir: here('./src/lib/paraglide'),
      // The server picks the locale in hooks.server.ts (cookie, Accept-Language, en) and
      // writes it to <html lang>; the browser reads it back from there (hooks.client.ts).
      // The "check" script in package.json compiles with the same strategy: keep them in step.
      strategy: ['custom-kaifong', 'baseLocale'],
    }),
    sveltekit(),
  ],
  ssr: {
    // Kit's runtime needs cookie@0.6, nested under @sveltejs/kit; left external it would
    // resolve to the root's cookie@2 (from Fastify) at run time. Bundle kit's copy.
    noExternal: ['cookie'],
  },
  server: {
    port: Number(process.env.PORT ?? 3000),
    strictPort: true,
    proxy: {
      '^/api(/|$)': proxyToApi,
      '^/dev(/|$)': proxyToApi,
      '^/admin/queues(/|$)': proxyToApi,
    },
    // Reference vocabularies (names of districts, languages...) are shared with the server.
    fs: { allow: [here('../server/reference')] },
  },
});
