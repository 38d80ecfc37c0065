// The npm registry mirror on our machines has no packages for other platforms (darwin, win32,
// android…), so `npm install` leaves those optional dependencies out of package-lock.json and
// `npm ci` then refuses the lock ("Missing: … from lock file"). This adds each missing optional
// platform package back as an entry that no Linux x64 machine installs. Run after `npm install`:
//   node scripts/complete-lockfile.mjs
import fs from 'node:fs';

const OS = ['android', 'darwin', 'freebsd', 'linux', 'netbsd', 'openbsd', 'openharmony', 'sunos', 'win32', 'aix', 'wasi'];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'riscv64', 'ppc64', 's390x', 'loong64', 'mips64el', 'wasm32'];

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;

for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    // Resolve like node: next to the parent, else hoisted to the top.
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const tokens = name.split(/[/@-]/);
    const os = OS.filter((value) => tokens.includes(value) || (value === 'win32' && tokens.includes('windows')));
    const cpu = CPU.filter((value) => tokens.includes(value));
    if (os.length === 0 && cpu.length === 0) continue;
    const version = String(spec).replace(/^[\^~=]/, '');
    packages[`node_modules/${name}`] = {
      version,
      ...(cpu.length ? { cpu } : {}),
      ...(os.length ? { os } : {}),
      ...(tokens.includes('musl') ? { libc: ['musl'] } : {}),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
    };
    added++;
  }
}

const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
