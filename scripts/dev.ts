// npm run dev: the web app with hot reload and the API restarted on every change.
//   web  Vite dev server on PORT (default 3000): open this one. It proxies /api, /dev and
//        /admin/queues to the API (web/vite.config.ts), so the browser and the server loads
//        see one origin, as in production.
//   api  server/main.ts under `tsx watch` on API_PORT (default PORT + 1).
// Output is prefixed per process; Ctrl-C stops both. Extra arguments go to Vite
// (`npm run dev -- --host` to open it from a phone on the same network).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STOP_TIMEOUT_MS = 5000;

const webPort = Number(process.env.PORT ?? 3000);
const apiPort = Number(process.env.API_PORT ?? webPort + 1);
const color = process.stdout.isTTY && !process.env.NO_COLOR;

interface Service {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
}

const services: Service[] = [];
let stopping = false;

function prefix(name: string, code: number): string {
  const label = `[${name}]`.padEnd(6);
  return color ? `\x1b[${code}m${label}\x1b[0m ` : `${label} `;
}

function start(name: string, colorCode: number, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): void {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...options.env, ...(color ? { FORCE_COLOR: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const label = prefix(name, colorCode);
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${label}${line}\n`));
  }
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      if (!stopping) {
        process.stdout.write(`${label}stopped (${signal ?? `exit code ${code}`}); stopping the others.\n`);
        void stopAll(1);
      }
      resolve();
    });
    child.on('error', (error) => {
      process.stdout.write(`${label}could not start: ${error.message}\n`);
      resolve();
      void stopAll(1);
    });
  });
  services.push({ name, child, exited });
}

async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const { child } of services) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
  const timeout = setTimeout(() => {
    for (const { name, child } of services) {
      if (child.exitCode === null && child.signalCode === null) {
        process.stdout.write(`${prefix(name, 31)}did not stop in ${STOP_TIMEOUT_MS / 1000} s; killing it.\n`);
        child.kill('SIGKILL');
      }
    }
  }, STOP_TIMEOUT_MS);
  await Promise.all(services.map((service) => service.exited));
  clearTimeout(timeout);
  process.exit(exitCode);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${webPort}`;
console.log(`Kaifong dev: open ${publicUrl} (web, hot reload). The API runs on port ${apiPort} behind it. Ctrl-C stops both.`);

start('api', 35, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'watch', '--clear-screen=false', '--exclude', 'web/**', 'server/main.ts'], {
  cwd: ROOT,
  // PUBLIC_URL is the web port, so links the API builds (sign-in emails, calendar feeds) open the page people use.
  env: { ...process.env, PORT: String(apiPort), PUBLIC_URL: publicUrl },
});

start(
  'web',
  36,
  [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'dev', '--clearScreen', 'false', ...process.argv.slice(2)],
  {
    // SvelteKit reads svelte.config.js from the working directory.
    cwd: path.join(ROOT, 'web'),
    env: { ...process.env, PORT: String(webPort), KAIFONG_API_ORIGIN: `http://127.0.0.1:${apiPort}` },
  },
);
