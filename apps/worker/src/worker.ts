import { hostname } from 'node:os';
import type { Config } from '@hubspoke/config';
import { createDb } from '@hubspoke/db';
import { type Clock, systemClock } from '@hubspoke/domain';
import { defaultJobOptions, type JobName, QUEUE_NAME, RedisEventBus } from '@hubspoke/jobs';
import { createMailer, type Mailer } from '@hubspoke/mail';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { handlers } from './handlers/index.js';
import { buildRegistry, type WorkerDeps } from './registry.js';
import { OutboxRelay } from './relay.js';

/** Recurring work, upserted on every boot so the schedule always matches this code. */
const SCHEDULES: Array<{ name: JobName; every: number }> = [
  { name: 'sessions.cleanup', every: 60 * 60 * 1000 },
  { name: 'events.cleanup', every: 24 * 60 * 60 * 1000 },
  { name: 'digests.plan', every: 15 * 60 * 1000 },
];

export interface RunningWorker {
  queue: Queue;
  close(): Promise<void>;
}

export interface WorkerOptions {
  clock?: Clock;
  log?: (msg: string) => void;
  /** Tests send through their own SMTP server; otherwise built from config. */
  mailer?: Mailer;
  concurrency?: number;
  /** Tests that drive jobs themselves leave the recurring schedules out. */
  schedules?: boolean;
}

export async function startWorker(config: Config, options: WorkerOptions = {}): Promise<RunningWorker> {
  const log = options.log ?? console.log;
  const registry = buildRegistry(handlers);
  const db = createDb(config.databaseUrl, { applicationName: 'hubspoke-worker', max: 5 });
  // Workers wait for Redis to come back rather than failing their blocking commands.
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (error) => log(`redis: ${error.message}`));
  const publisher = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  publisher.on('error', (error) => log(`redis: ${error.message}`));
  const mailer = options.mailer ?? createMailer(config.mail, log);
  const queue = new Queue(QUEUE_NAME, { connection, prefix: config.redisPrefix, defaultJobOptions });
  const deps: WorkerDeps = {
    db,
    config,
    clock: options.clock ?? systemClock,
    events: new RedisEventBus(publisher, config.redisPrefix, (error) => log(`publish: ${error.message}`)),
    mailer,
    enqueue: async (name, data, opts) => {
      await queue.add(name, data, opts);
    },
    enqueueMany: async (jobs) => {
      if (jobs.length) await queue.addBulk(jobs);
    },
  };

  if (options.schedules !== false) {
    for (const { name, every } of SCHEDULES) await queue.upsertJobScheduler(name, { every }, { name, data: {} });
  }
  const worker = new Worker(
    QUEUE_NAME,
    async (job) => {
      const handler = registry.get(job.name as JobName);
      if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
      return handler(deps, job.data);
    },
    { connection, prefix: config.redisPrefix, concurrency: options.concurrency ?? 10 },
  );
  worker.on('failed', (job, error) => log(`job ${job?.name} (${job?.id}) failed: ${error.message}`));
  worker.on('error', (error) => log(`worker: ${error.message}`));
  const relay = new OutboxRelay(db, queue, log);
  relay.start();
  // A heartbeat the api's /readyz counts, so operators see whether any worker is alive.
  const heartbeatKey = `${config.redisPrefix}:worker:${hostname()}:${process.pid}`;
  const beat = () => publisher.set(heartbeatKey, new Date().toISOString(), 'EX', 30).catch(() => {});
  void beat();
  const heartbeat = setInterval(beat, 10_000);
  heartbeat.unref();

  return {
    queue,
    /** Finishes the jobs in hand (BullMQ waits for them), then closes connections. */
    async close() {
      clearInterval(heartbeat);
      await publisher.del(heartbeatKey).catch(() => {});
      await relay.stop();
      await worker.close();
      await queue.close();
      connection.disconnect();
      publisher.disconnect();
      if (!options.mailer) mailer.close();
      await db.destroy();
    },
  };
}
