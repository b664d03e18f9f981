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
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('derives the origin and Secure cookies from an https PUBLIC_URL', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://community.example.it/' });
    expect(config.publicUrl).toBe('https://community.example.it');
    expect(config.publicOrigin).toBe('https://community.example.it');
    expect(config.secureCookies).toBe(true);
  });

  it.each([
    ['PORT', 'abc', /PORT: expected an integer between 0 and 65535/],
    ['PORT', '70000', /PORT/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL: expected a URL starting with postgres:/],
    ['REDIS_URL', 'not a url', /REDIS_URL: expected a URL/],
    ['MIGRATE_ON_START', 'maybe', /MIGRATE_ON_START: expected true or false/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: expected one of/],
  ])('rejects %s=%s with one line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
