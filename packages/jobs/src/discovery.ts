import type { Config } from '@hubspoke/config';
import { serverAnswers, startEmbeddedPostgres } from '@hubspoke/db';

export interface Services {
  /** The configuration with the URLs actually in use. */
  config: Config;
  /** What runs where, one line each, for the start-up banner. */
  summary: string[];
  /** Environment that makes a child process use the same services without looking again. */
  env: Record<string, string>;
  /** Stops what this process started (the embedded PostgreSQL). */
  stop(): Promise<void>;
}

const hostOf = (url: string) => {
  const { hostname, port } = new URL(url);
  return port ? `${hostname}:${port}` : hostname;
};

/**
 * Decides, once at start, which servers the forum uses. A URL that was set is used as given.
 * One that was not is tried at its default address; when nothing answers there, PostgreSQL runs
 * embedded from the data folder and Redis is done without (jobs, live events and rate limits
 * then live in PostgreSQL).
 */
export async function resolveServices(config: Config, log: (line: string) => void = () => {}): Promise<Services> {
  const summary: string[] = [];
  let databaseUrl = config.databaseUrl;
  let stop = async () => {};
  if (!config.discover.database) {
    summary.push(`PostgreSQL: ${hostOf(databaseUrl)} (DATABASE_URL)`);
  } else if (await serverAnswers(databaseUrl)) {
    summary.push(`PostgreSQL: ${hostOf(databaseUrl)} (found at the default address)`);
  } else {
    const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || 'hubspoke';
    const embedded = await startEmbeddedPostgres(config.dataDir, database, log);
    databaseUrl = embedded.url;
    stop = embedded.stop;
    summary.push(
      `PostgreSQL: embedded, data in ${embedded.folder}, port ${embedded.port}` +
        (embedded.startedHere ? '' : ' (already running)') +
        ` — nothing answered at ${hostOf(config.databaseUrl)} and DATABASE_URL is not set`,
    );
  }

  let redisUrl = config.redisUrl;
  if (redisUrl === null) {
    summary.push('Redis: not used (REDIS_URL=none); jobs, live events and rate limits run on PostgreSQL');
  } else if (!config.discover.redis) {
    summary.push(`Redis: ${hostOf(redisUrl)} (REDIS_URL)`);
  } else if (await serverAnswers(redisUrl)) {
    summary.push(`Redis: ${hostOf(redisUrl)} (found at the default address)`);
  } else {
    summary.push(
      `Redis: not used — nothing answered at ${hostOf(redisUrl)} and REDIS_URL is not set; ` +
        'jobs, live events and rate limits run on PostgreSQL',
    );
    redisUrl = null;
  }

  return {
    config: Object.freeze({ ...config, databaseUrl, redisUrl, discover: { database: false, redis: false } }),
    summary,
    env: { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl ?? 'none' },
    stop,
  };
}
