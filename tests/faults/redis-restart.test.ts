import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { RedisProcess } from '../support/redis-process.js';
import { until } from './helpers.js';

let redis: RedisProcess;
let ctx: TestContext;
let worker: RunningWorker;

beforeAll(async () => {
  redis = new RedisProcess();
  await redis.start();
  ctx = await createTestContext({ REDIS_URL: redis.url });
  worker = await startWorker(ctx.config, { log: () => {} });
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
  await redis.stop();
});

const schedulerNames = async () =>
  (await worker.queue.getJobSchedulers().catch(() => [])).map((s) => s.key ?? s.name).sort();

describe('a Redis that restarts empty', () => {
  it('gets the job schedules back from the running worker, without a restart', async () => {
    const expected = [
      'digests.plan',
      'events.cleanup',
      'mail.sweep',
      'path.remind',
      'sessions.cleanup',
      'surveys.announce',
      'uploads.cleanup',
    ];
    expect(await schedulerNames()).toEqual(expected);

    await redis.stop();
    await redis.start(); // same port, no data: --save '' and no AOF
    await until(
      'the schedules to be upserted again',
      async () => (await schedulerNames()).length === expected.length,
      20_000,
    );
    expect(await schedulerNames()).toEqual(expected);
  });
});
