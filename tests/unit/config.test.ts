import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

const SECRET = 'x'.repeat(40);

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the embedded development defaults with no variables set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.redisUrlIsDefault).toBe(true);
    expect(config.demo).toBe(true);
    expect(config.adminEmails).toEqual(['admin@kaifong.test']);
  });

  it('derives a help-desk key from the session secret outside production, unless HELP_DESK_KEY is set', () => {
    const derived = loadConfig({}).helpDeskKey;
    expect(derived).toHaveLength(64);
    expect(derived).not.toContain('kaifong-development-secret');
    expect(loadConfig({ SESSION_SECRET: SECRET }).helpDeskKey).not.toBe(derived);
    expect(loadConfig({ HELP_DESK_KEY: 'h'.repeat(32) }).helpDeskKey).toBe('h'.repeat(32));
  });

  it('gives each embedded data folder queues of its own, so two checkouts on one Redis never take each other\'s jobs', () => {
    const here = loadConfig({ DATA_DIR: '/srv/one/.data' }).queuePrefix;
    const there = loadConfig({ DATA_DIR: '/srv/two/.data' }).queuePrefix;
    expect(here).toMatch(/^kaifong-[0-9a-f]{8}$/);
    expect(there).not.toBe(here);
    expect(loadConfig({ DATA_DIR: '/srv/one/.data' }).queuePrefix).toBe(here);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/kaifong' }).queuePrefix).toBe('kaifong');
    expect(loadConfig({ QUEUE_PREFIX: 'mine' }).queuePrefix).toBe('mine');
  });

  it('follows PORT into the public URL unless PUBLIC_URL is set', () => {
    expect(loadConfig({ PORT: '4000' }).publicUrl).toBe('http://localhost:4000');
    expect(loadConfig({ PORT: '4000', PUBLIC_URL: 'https://kaifong.example/' }).publicUrl).toBe('https://kaifong.example');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM'],
    [{ ADMIN_EMAILS: 'a@b.hk, nonsense' }, 'ADMIN_EMAILS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DEMO: 'maybe' }, 'DEMO'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ HELP_DESK_KEY: 'short' }, 'HELP_DESK_KEY'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
  ])('rejects %o naming %s', (env, variable) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^${variable}: `));
  });

  describe('in production', () => {
    const production = {
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://mail:25',
      SESSION_SECRET: SECRET,
      HELP_DESK_KEY: 'k'.repeat(40),
      DATABASE_URL: 'postgres://db/kaifong',
    };

    it('starts with a secret, SMTP and demo off', () => {
      const config = loadConfig(production);
      expect(config.demo).toBe(false);
      expect(config.adminEmails).toEqual([]);
    });

    it('refuses to start without SESSION_SECRET', () => {
      expect(configError({ ...production, SESSION_SECRET: '' }).variable).toBe('SESSION_SECRET');
    });

    it('refuses to start without HELP_DESK_KEY, or with the session secret as the key', () => {
      expect(configError({ ...production, HELP_DESK_KEY: '' }).variable).toBe('HELP_DESK_KEY');
      expect(configError({ ...production, HELP_DESK_KEY: SECRET }).message).toMatch(/^HELP_DESK_KEY: must differ/);
      expect(loadConfig(production).helpDeskKey).toBe('k'.repeat(40));
    });

    it('refuses the dev outbox', () => {
      expect(configError({ ...production, SMTP_URL: '' }).variable).toBe('SMTP_URL');
    });

    it('refuses demo sign-in', () => {
      expect(configError({ ...production, DEMO: 'true' }).variable).toBe('DEMO');
    });
  });
});
