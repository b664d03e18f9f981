import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@hubspoke/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL } from '../support/context.js';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/databases.js';
import { freePort, ROOT, type ServerProcess, startServer } from '../support/server-process.js';
import { TestSmtp } from '../support/smtp.js';

/**
 * The `environment:` mapping of one service in docker-compose.yml, read line by line: enough for
 * the flat `KEY: value` block the file uses, with no YAML library.
 */
function composeEnvironment(text: string, service: string): Record<string, string> {
  const lines = text.split('\n');
  const start = lines.indexOf(`  ${service}:`);
  if (start < 0) throw new Error(`no service ${service}`);
  const env = lines.findIndex((line, i) => i > start && /^ {4}environment:/.test(line));
  if (env < 0) throw new Error(`service ${service} has no environment`);
  const result: Record<string, string> = {};
  for (const line of lines.slice(env + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const match = /^ {6}([A-Z0-9_]+):\s*(.*)$/.exec(line);
    if (!match?.[1]) break;
    result[match[1]] = (match[2] ?? '').replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return result;
}

/** Compose's interpolation of `${VAR}`, `${VAR:-default}` and `${VAR:?message}`. */
function interpolate(value: string, shell: Record<string, string | undefined>): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_all, name: string, kind?: string, rest?: string) => {
    const set = shell[name];
    if (set) return set;
    if (kind === '?') throw new Error(`required variable ${name} is missing a value: ${rest}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

/** Every variable production refuses to start without, found by asking the config itself. */
function requiredInProduction(): string[] {
  const env: Record<string, string> = { NODE_ENV: 'production' };
  const required: string[] = [];
  for (let i = 0; i < 20; i++) {
    try {
      loadConfig(env);
      return required;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      required.push(error.variable);
      env[error.variable] = 'r'.repeat(64);
    }
  }
  throw new Error(`the config keeps refusing: ${required.join(', ')}`);
}

const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const api = composeEnvironment(compose, 'api');

describe('docker-compose.yml', () => {
  it('runs the api in production and refuses to start until APP_SECRET is set, saying how to make one', () => {
    expect(api.NODE_ENV).toBe('production');
    expect(() => interpolate(api.APP_SECRET ?? '', {})).toThrow(/APP_SECRET.*long random string.*openssl rand -hex 32/);
    expect(interpolate(api.APP_SECRET ?? '', { APP_SECRET: 'abc' })).toBe('abc');
  });

  it('sets, and the README lists, every variable production requires', () => {
    const required = requiredInProduction();
    expect(required).toContain('APP_SECRET');
    for (const name of required) {
      expect(Object.keys(api), name).toContain(name);
      expect(readme, name).toMatch(new RegExp(`^\\| \`${name}\``, 'm'));
    }
    expect(readme).toMatch(/openssl rand -hex 32/);
  });
});

describe('the api with the environment docker-compose.yml gives it', () => {
  let database = '';
  let server: ServerProcess | undefined;
  const smtp = new TestSmtp();
  /** Compose's values with the service addresses pointed at this test's own. */
  let env: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    // As `APP_SECRET=$(openssl rand -hex 32) docker compose up` would.
    const shell = { ...process.env, APP_SECRET: randomBytes(32).toString('hex') };
    env = {
      ...Object.fromEntries(Object.entries(api).map(([name, value]) => [name, interpolate(value, shell)])),
      DATABASE_URL: databaseUrl(database),
      REDIS_URL,
      SMTP_URL: await smtp.start(),
      REDIS_PREFIX: `test:${database}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    await server?.stop();
    await smtp.stop();
    if (database) await dropTestDatabase(database);
  });

  it('starts and answers /healthz and /readyz', async () => {
    server = await startServer('node', ['apps/api/dist/main.js'], env);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await server.stop('SIGTERM');
    expect(server.output()).toMatch(/Stopped cleanly/);
  });

  it('without APP_SECRET stops at once with one line naming it', async () => {
    const { APP_SECRET: _left, ...withoutSecret } = env;
    // Only the compose values and what node needs to run: nothing inherited may supply a secret.
    const child = spawn('node', ['apps/api/dist/main.js'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...withoutSecret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`still running without APP_SECRET:\n${output}`));
      }, 20_000);
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      'Configuration error: APP_SECRET: expected a random string of at least 32 characters, got ""',
    );
  });
});
