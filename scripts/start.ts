// npm start: build the web app when it is missing or stale, then start the server.
import { ensureWebBuild } from './build-web.ts';

await ensureWebBuild((line: string) => console.log(line));
await import('../server/main.ts');
