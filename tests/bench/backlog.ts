import { QUEUE_NAME } from '@hubspoke/jobs';
import { Redis } from 'ioredis';
import type pg from 'pg';

/**
 * How long the worker takes, after the requests stop, to finish what they left it: outbox
 * events not yet relayed and jobs waiting or running (notifications, mails). Polls every 100 ms
 * up to `limitSeconds`; `left` is what remained then (0 when it drained).
 */
export async function drainTime(
  pool: pg.Pool,
  /** The queues' Redis and key prefix; without it (PostgreSQL alone) only the outbox is watched. */
  queues: { redisUrl: string; prefix: string } | undefined,
  limitSeconds = 120,
): Promise<{ seconds: number; left: number }> {
  const redis = queues ? new Redis(queues.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  const key = (list: string) => `${queues?.prefix}:${QUEUE_NAME}:${list}`;
  const started = performance.now();
  try {
    for (;;) {
      const { rows } = await pool.query<{ n: string }>('select count(*) as n from events where relayed_at is null');
      const jobs = redis
        ? await Promise.all([
            redis.llen(key('wait')),
            redis.llen(key('active')),
            redis.zcard(key('prioritized')),
            redis.llen(key('paused')),
          ])
        : [];
      const left = Number(rows[0]?.n ?? 0) + jobs.reduce((a, b) => a + b, 0);
      const seconds = (performance.now() - started) / 1000;
      if (left === 0 || seconds > limitSeconds) return { seconds: Math.round(seconds * 10) / 10, left };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    redis?.disconnect();
  }
}
