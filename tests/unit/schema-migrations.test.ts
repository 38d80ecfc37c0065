// The committed migrations must be exactly what drizzle-kit generates from drizzle/schema.ts:
// a schema change without `npm run db:generate` fails here instead of at someone's start-up.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('drizzle migrations', () => {
  it('match the schema (drizzle-kit generate finds nothing to add)', () => {
    // drizzle-kit takes paths relative to the working directory (it prefixes "./" to them).
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-drift-'));
    const relative = (to: string) => path.relative(root, to);
    try {
      fs.cpSync(path.join(root, 'drizzle/migrations'), path.join(scratch, 'migrations'), { recursive: true });
      const config = path.join(scratch, 'drizzle.config.ts');
      fs.writeFileSync(
        config,
        `export default ${JSON.stringify({
          dialect: 'postgresql',
          schema: './drizzle/schema.ts',
          out: relative(path.join(scratch, 'migrations')),
        })};\n`,
      );
      const before = fs.readdirSync(path.join(scratch, 'migrations')).sort();
      const output = execFileSync(
        path.join(root, 'node_modules/.bin/drizzle-kit'),
        ['generate', '--config', relative(config), '--name', 'drift'],
        { cwd: root, stdio: 'pipe', encoding: 'utf8' },
      );
      const after = fs.readdirSync(path.join(scratch, 'migrations')).sort();
      const added = after.filter((name) => !before.includes(name));
      expect(added, 'schema.ts changed without a migration: run `npm run db:generate` and commit the result').toEqual([]);
      // drizzle-kit exits 0 even when it fails, so insist that it really compared.
      expect(output).toMatch(/No schema changes/);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }, 60_000);
});
