import { join } from 'node:path';

/**
 * The environment is read once, here. Every other module receives a typed, frozen `Config`.
 * A bad value stops the process with one line naming the variable and what it expects.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expected: string,
    value: string,
  ) {
    super(`${variable}: expected ${expected}, got ${JSON.stringify(value)}`);
    this.name = 'ConfigError';
  }
}

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly databaseUrl: string;
  /** `null`: no Redis; jobs, live events and rate-limit counters all live in PostgreSQL. */
  readonly redisUrl: string | null;
  /** Prefix of every Redis key and BullMQ queue of this deployment (tests use one per file). */
  readonly redisPrefix: string;
  /**
   * Which of DATABASE_URL / REDIS_URL were left unset. Start-up then looks for a server at the
   * default address and, when nothing answers, starts an embedded PostgreSQL or runs without Redis.
   */
  readonly discover: { readonly database: boolean; readonly redis: boolean };
  /** Local state when no path says otherwise: the embedded PostgreSQL, uploads, mails written to disk. */
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  /** The origin a browser sends in `Origin` for our own pages. */
  readonly publicOrigin: string;
  /**
   * Origins whose cookie-carrying writes and live connections are accepted. Production: only
   * `publicOrigin`. Elsewhere also every loopback name on PORT, so `http://127.0.0.1:<port>` and
   * `http://localhost:<port>` both work on a developer's machine.
   */
  readonly allowedOrigins: readonly string[];
  readonly secureCookies: boolean;
  readonly migrateOnStart: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly sessionDays: number;
  readonly login: { readonly maxPerAccount: number; readonly maxPerIp: number; readonly windowSeconds: number };
  readonly posting: { readonly maxPerWindow: number; readonly windowSeconds: number };
  readonly invitationDays: number;
  readonly passwordResetMinutes: number;
  readonly trustProxy: boolean;
  readonly mail: {
    /** Unset: mails are written as .eml files to `outboxDir` instead of being sent. */
    readonly smtpUrl: string | null;
    readonly from: string;
    readonly outboxDir: string;
    /** Immediate notification mails wait this long, and are dropped if the post was read meanwhile. */
    readonly notifyDelaySeconds: number;
  };
  /** Signs one-click unsubscribe links; must be set (and kept) in production. */
  readonly appSecret: string;
  readonly tutoring: {
    /** Hours (of working time when `workingDaysOnly`) before the assigned tutor is reminded. */
    readonly reminderHours: number;
    /** Hours before the table's moderators are told the question is still open. */
    readonly escalationHours: number;
    /** Count only Monday–Friday in `timeZone`, for targets and for response-time metrics. */
    readonly workingDaysOnly: boolean;
    readonly timeZone: string;
  };
  /** How jobs retry, and when work a dead worker left behind is taken over. */
  readonly jobs: {
    /** First retry delay; each next one doubles, up to `retryMaxMs`. */
    readonly retryBaseMs: number;
    readonly retryMaxMs: number;
    /** A job still failing this long after it was first due fails for good (the sweep picks its work up again). */
    readonly retryForSeconds: number;
    /** Unsent account mails and due digests are re-enqueued this often, whatever became of their jobs. */
    readonly sweepSeconds: number;
    /**
     * A running job holds its lock this long, renewed while its worker lives; once a dead worker's
     * lock runs out, another worker takes the job over (checked as often).
     */
    readonly lockMs: number;
    /** A digest claim this old belonged to a worker that died mid-send; another may take over. */
    readonly staleClaimMs: number;
  };
  readonly uploads: {
    /** Shared documents live here, named by their SHA-256; relative paths start at the working folder. */
    readonly dir: string;
    readonly maxBytes: number;
  };
  /** A person's export of their data (`GET /api/me/export`). */
  readonly exports: {
    /** Up to this many bytes (files and post texts), answered at once; beyond, built by the worker and mailed as a link. */
    readonly inlineMaxBytes: number;
    /** Exports one person may ask for per window (each is expensive to build). */
    readonly maxPerWindow: number;
    readonly windowSeconds: number;
  };
  /**
   * Sign-in through the organisation's OpenID Connect provider (often SPID/CIE behind a gateway):
   * set only when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET all are.
   */
  readonly oidc: OidcConfig | null;
  /** `false` (LOCAL_PASSWORDS=off): no password sign-in, reset or invitation password; only the provider. */
  readonly localPasswords: boolean;
}

export interface OidcConfig {
  /** Exactly as the provider names itself in its discovery document and ID tokens. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The words on the sign-in button. */
  readonly buttonLabel: string;
  /** Space-separated, always with `openid`. */
  readonly scopes: string;
  /** Where the provider sends people back: PUBLIC_URL + /accedi/ente/callback. */
  readonly redirectUri: string;
}

type Env = Record<string, string | undefined>;

const POSTGRES = ['postgres:', 'postgresql:'];
const REDIS = ['redis:', 'rediss:'];

function read(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const value = read(env, name, fallback);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `a URL (${protocols.join(' or ')})`, value);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `a URL starting with ${protocols.join(' or ')}//`, value);
  }
  return value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = read(env, name, String(fallback));
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new ConfigError(name, `an integer between ${min} and ${max}`, value);
  }
  return parsed;
}

function decimal(env: Env, name: string, fallback: number): number {
  const value = read(env, name, String(fallback));
  const parsed = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || parsed <= 0) throw new ConfigError(name, 'a positive number', value);
  return parsed;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const value = read(env, name, String(fallback)).toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new ConfigError(name, 'true or false', value);
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const value = read(env, name, fallback);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}

function secret(env: Env, nodeEnv: string): string {
  const value = env.APP_SECRET;
  if (value && value.length >= 32) return value;
  if (value || nodeEnv === 'production')
    throw new ConfigError('APP_SECRET', 'a random string of at least 32 characters', value ?? '');
  // Development and tests: a fixed secret, so links keep working across restarts.
  return 'development-only-secret-do-not-use-in-production';
}

const OIDC_VARIABLES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** All three OIDC_* variables or none: a partial set names the first one missing. */
function oidc(env: Env, nodeEnv: string, publicUrl: string): OidcConfig | null {
  const given = OIDC_VARIABLES.filter((name) => read(env, name, '') !== '');
  if (given.length === 0) return null;
  const missing = OIDC_VARIABLES.find((name) => !given.includes(name));
  if (missing) {
    throw new ConfigError(missing, `a value, since ${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} set`, '');
  }
  // A provider reached over plain http would hand out identities anyone on the path could forge.
  const issuer = url(env, 'OIDC_ISSUER', '', nodeEnv === 'production' ? ['https:'] : ['https:', 'http:']);
  const scopes = read(env, 'OIDC_SCOPES', 'openid email profile').split(/\s+/).filter(Boolean);
  if (!scopes.includes('openid')) {
    throw new ConfigError('OIDC_SCOPES', 'space-separated scopes including openid', read(env, 'OIDC_SCOPES', ''));
  }
  return {
    issuer,
    clientId: read(env, 'OIDC_CLIENT_ID', ''),
    clientSecret: read(env, 'OIDC_CLIENT_SECRET', ''),
    buttonLabel: read(env, 'OIDC_BUTTON_LABEL', 'Accedi con l’identità del tuo ente'),
    scopes: scopes.join(' '),
    redirectUri: `${publicUrl}/accedi/ente/callback`,
  };
}

function localPasswords(env: Env, oidcConfig: OidcConfig | null): boolean {
  const on = oneOf(env, 'LOCAL_PASSWORDS', 'on', ['on', 'off'] as const) === 'on';
  // Without passwords and without a provider nobody could sign in at all.
  if (!on && !oidcConfig) {
    throw new ConfigError(
      'LOCAL_PASSWORDS',
      'on unless OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set',
      'off',
    );
  }
  return on;
}

/** The names a browser on this machine may use for a server listening on `port`. */
function loopbackOrigins(port: number): string[] {
  return ['localhost', '127.0.0.1', '[::1]'].map((host) => new URL(`http://${host}:${port}`).origin);
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', 'development', ['development', 'production', 'test'] as const);
  const port = int(env, 'PORT', 3000, 0, 65535);
  // Unset, the address follows PORT: a forum moved to another port still accepts its own forms.
  const publicUrl = url(env, 'PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']).replace(/\/+$/, '');
  const publicOrigin = new URL(publicUrl).origin;
  const allowedOrigins = Object.freeze(
    nodeEnv === 'production' ? [publicOrigin] : [...new Set([publicOrigin, ...loopbackOrigins(port)])],
  );
  const dataDir = read(env, 'DATA_DIR', './data');
  // The DEFAULT_* variables move the address tried when the URL is unset (tests point it at nothing).
  const databaseDefault = url(env, 'DEFAULT_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/hubspoke', POSTGRES);
  const redisDefault = url(env, 'DEFAULT_REDIS_URL', 'redis://127.0.0.1:6379', REDIS);
  const redisSetting = read(env, 'REDIS_URL', '');
  const oidcConfig = oidc(env, nodeEnv, publicUrl);
  const config: Config = {
    env: nodeEnv,
    databaseUrl: url(env, 'DATABASE_URL', databaseDefault, POSTGRES),
    redisUrl: redisSetting === 'none' ? null : url(env, 'REDIS_URL', redisDefault, REDIS),
    redisPrefix: read(env, 'REDIS_PREFIX', 'hubspoke'),
    discover: { database: !env.DATABASE_URL, redis: !redisSetting },
    dataDir,
    host: read(env, 'HOST', '0.0.0.0'),
    port,
    publicUrl,
    publicOrigin,
    allowedOrigins,
    secureCookies: publicOrigin.startsWith('https:'),
    migrateOnStart: bool(env, 'MIGRATE_ON_START', true),
    logLevel: oneOf(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
    sessionDays: int(env, 'SESSION_DAYS', 30, 1, 365),
    login: {
      maxPerAccount: int(env, 'LOGIN_MAX_PER_ACCOUNT', 5, 1, 10_000),
      maxPerIp: int(env, 'LOGIN_MAX_PER_IP', 30, 1, 100_000),
      windowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
    },
    posting: {
      maxPerWindow: int(env, 'POST_MAX_PER_WINDOW', 20, 1, 100_000),
      windowSeconds: int(env, 'POST_WINDOW_SECONDS', 60, 1, 86_400),
    },
    invitationDays: int(env, 'INVITATION_DAYS', 14, 1, 365),
    passwordResetMinutes: int(env, 'PASSWORD_RESET_MINUTES', 60, 5, 10_080),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    mail: {
      smtpUrl: env.SMTP_URL ? url(env, 'SMTP_URL', '', ['smtp:', 'smtps:']) : null,
      from: read(env, 'MAIL_FROM', 'Hub&Spoke Community <noreply@hubspoke.local>'),
      outboxDir: read(env, 'MAIL_OUTBOX_DIR', join(dataDir, 'mail')),
      notifyDelaySeconds: int(env, 'NOTIFY_EMAIL_DELAY_SECONDS', 600, 0, 86_400),
    },
    appSecret: secret(env, nodeEnv),
    tutoring: {
      reminderHours: decimal(env, 'TUTORING_REMINDER_HOURS', 48),
      escalationHours: decimal(env, 'TUTORING_ESCALATION_HOURS', 96),
      workingDaysOnly: bool(env, 'TUTORING_WORKING_DAYS_ONLY', true),
      timeZone: read(env, 'TUTORING_TIME_ZONE', 'Europe/Rome'),
    },
    jobs: {
      retryBaseMs: int(env, 'JOB_RETRY_BASE_MS', 2_000, 1, 3_600_000),
      retryMaxMs: int(env, 'JOB_RETRY_MAX_MS', 600_000, 1, 86_400_000),
      retryForSeconds: int(env, 'JOB_RETRY_FOR_SECONDS', 86_400, 1, 30 * 86_400),
      sweepSeconds: int(env, 'MAIL_SWEEP_SECONDS', 300, 1, 86_400),
      staleClaimMs: int(env, 'DIGEST_STALE_CLAIM_MS', 120_000, 100, 86_400_000),
      lockMs: int(env, 'JOB_LOCK_MS', 30_000, 1_000, 3_600_000),
    },
    uploads: {
      dir: read(env, 'UPLOAD_DIR', join(dataDir, 'uploads')),
      maxBytes: int(env, 'UPLOAD_MAX_BYTES', 26_214_400, 1, 1_073_741_824),
    },
    exports: {
      inlineMaxBytes: int(env, 'EXPORT_INLINE_MAX_BYTES', 20_971_520, 0, 4_294_967_295),
      maxPerWindow: int(env, 'EXPORT_MAX_PER_WINDOW', 1, 1, 10_000),
      windowSeconds: int(env, 'EXPORT_WINDOW_SECONDS', 3_600, 1, 7 * 86_400),
    },
    oidc: oidcConfig,
    localPasswords: localPasswords(env, oidcConfig),
  };
  return Object.freeze(config);
}
