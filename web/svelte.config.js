// SvelteKit reads this file from the current directory: always run kit, vite and
// svelte-check with cwd = web/ (the npm scripts and scripts/build-web.ts do).
import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-node';

const nodeAdapter = adapter({
  // Mounted by server/plugins/web.ts. envPrefix '' keeps adapter-node's documented
  // variable names (ORIGIN, PROTOCOL_HEADER, BODY_SIZE_LIMIT, ...).
  out: fileURLToPath(new URL('./build', import.meta.url)),
  precompress: true,
  envPrefix: '',
});

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    adapter: {
      ...nodeAdapter,
      // adapter-node reads ./package.json to decide which dependencies stay external in
      // web/build; the repo's one package.json is at the root, so adapt from there.
      async adapt(builder) {
        const webDir = process.cwd();
        process.chdir(fileURLToPath(new URL('..', import.meta.url)));
        try {
          await nodeAdapter.adapt(builder);
        } finally {
          process.chdir(webDir);
        }
      },
    },
  },
};

export default config;
