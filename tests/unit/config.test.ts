import { ConfigError, loadConfig } from '@hubspoke/config';
import { describe, expect, it } from 'vitest';

describe('config', () => {
  it('works on a fresh machine with no environment at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/hubspoke',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      publicOrigin: 'http://localhost:3000',
      secureCookies: false,
      migrateOnStart: true,
      discover: { database: true, redis: true },
      dataDir: './data',
      uploads: { dir: 'data/uploads' },
      mail: { outboxDir: 'data/mail' },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('looks for servers only where no URL was given; REDIS_URL=none means PostgreSQL alone', () => {
    const given = loadConfig({ DATABASE_URL: 'postgres://db.example.it/forum', REDIS_URL: 'redis://cache.example.it' });
    expect(given).toMatchObject({
      databaseUrl: 'postgres://db.example.it/forum',
      redisUrl: 'redis://cache.example.it',
      discover: { database: false, redis: false },
    });
    const noRedis = loadConfig({ REDIS_URL: 'none' });
    expect(noRedis.redisUrl).toBeNull();
    expect(noRedis.discover.redis).toBe(false);
    const moved = loadConfig({
      DEFAULT_DATABASE_URL: 'postgres://postgres@127.0.0.1:6543/altro',
      DEFAULT_REDIS_URL: 'redis://127.0.0.1:6380',
    });
    expect(moved).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:6543/altro',
      redisUrl: 'redis://127.0.0.1:6380',
      discover: { database: true, redis: true },
    });
  });

  it('keeps local state under DATA_DIR unless a folder is named on its own', () => {
    const config = loadConfig({ DATA_DIR: '/srv/hubspoke', UPLOAD_DIR: '/mnt/documents' });
    expect(config.dataDir).toBe('/srv/hubspoke');
    expect(config.mail.outboxDir).toBe('/srv/hubspoke/mail');
    expect(config.uploads.dir).toBe('/mnt/documents');
  });

  it('derives the origin and Secure cookies from an https PUBLIC_URL', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://community.example.it/' });
    expect(config.publicUrl).toBe('https://community.example.it');
    expect(config.publicOrigin).toBe('https://community.example.it');
    expect(config.secureCookies).toBe(true);
  });

  it('follows PORT when PUBLIC_URL is unset, and accepts every loopback name on that port outside production', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const config = loadConfig({ NODE_ENV, PORT: '3001' });
      expect(config.publicUrl).toBe('http://localhost:3001');
      expect(config.publicOrigin).toBe('http://localhost:3001');
      expect([...config.allowedOrigins].sort()).toEqual(
        ['http://localhost:3001', 'http://127.0.0.1:3001', 'http://[::1]:3001'].sort(),
      );
    }
    const named = loadConfig({ PORT: '4000', PUBLIC_URL: 'http://forum.test' });
    expect(named.publicOrigin).toBe('http://forum.test');
    expect(named.allowedOrigins).toContain('http://forum.test');
    expect(named.allowedOrigins).toContain('http://127.0.0.1:4000');
    expect(named.allowedOrigins).not.toContain('http://127.0.0.1:3000');
  });

  it('accepts only PUBLIC_URL’s origin in production', () => {
    const secret = { NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32) };
    const config = loadConfig({ ...secret, PORT: '3001', PUBLIC_URL: 'https://community.example.it' });
    expect(config.allowedOrigins).toEqual(['https://community.example.it']);
    const unset = loadConfig({ ...secret, PORT: '3001' });
    expect(unset.publicOrigin).toBe('http://localhost:3001');
    expect(unset.allowedOrigins).toEqual(['http://localhost:3001']);
    expect(Object.isFrozen(config.allowedOrigins)).toBe(true);
  });

  it('refuses to start in production without a long APP_SECRET, naming it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /^APP_SECRET: expected a random string of at least 32/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', APP_SECRET: 'short' })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'production', APP_SECRET: 'y'.repeat(32) }).appSecret).toBe('y'.repeat(32));
  });

  it.each([
    ['PORT', 'abc', /PORT: expected an integer between 0 and 65535/],
    ['PORT', '70000', /PORT/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL: expected a URL starting with postgres:/],
    ['REDIS_URL', 'not a url', /REDIS_URL: expected a URL/],
    ['DEFAULT_DATABASE_URL', 'redis://x', /DEFAULT_DATABASE_URL: expected a URL starting with postgres:/],
    ['MIGRATE_ON_START', 'maybe', /MIGRATE_ON_START: expected true or false/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: expected one of/],
  ])('rejects %s=%s with one line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('enables the OpenID Connect sign-in only with issuer, client id and secret, and names the one missing', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(loadConfig({}).localPasswords).toBe(true);
    const full = {
      PUBLIC_URL: 'https://community.example.it',
      OIDC_ISSUER: 'https://login.ente.example.it',
      OIDC_CLIENT_ID: 'hubspoke',
      OIDC_CLIENT_SECRET: 's3cret',
    };
    expect(loadConfig(full).oidc).toEqual({
      issuer: 'https://login.ente.example.it',
      clientId: 'hubspoke',
      clientSecret: 's3cret',
      buttonLabel: 'Accedi con l’identità del tuo ente',
      scopes: 'openid email profile',
      redirectUri: 'https://community.example.it/accedi/ente/callback',
    });
    for (const missing of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
      const partial: Record<string, string> = { ...full };
      delete partial[missing];
      expect(() => loadConfig(partial)).toThrow(ConfigError);
      expect(() => loadConfig(partial)).toThrow(new RegExp(`^${missing}: expected a value`));
    }
    expect(() => loadConfig({ OIDC_CLIENT_SECRET: 's3cret' })).toThrow(/^OIDC_ISSUER: expected a value/);
    expect(() => loadConfig({ ...full, OIDC_SCOPES: 'email' })).toThrow(/^OIDC_SCOPES: expected/);
    expect(() =>
      loadConfig({
        ...full,
        NODE_ENV: 'production',
        APP_SECRET: 'y'.repeat(32),
        OIDC_ISSUER: 'http://login.ente.example.it',
      }),
    ).toThrow(/^OIDC_ISSUER: expected a URL starting with https:/);
    expect(loadConfig({ ...full, LOCAL_PASSWORDS: 'off' }).localPasswords).toBe(false);
    expect(() => loadConfig({ LOCAL_PASSWORDS: 'off' })).toThrow(/^LOCAL_PASSWORDS: expected on unless OIDC_ISSUER/);
    expect(() => loadConfig({ ...full, LOCAL_PASSWORDS: 'maybe' })).toThrow(
      /^LOCAL_PASSWORDS: expected one of on, off/,
    );
  });
});
