import type { BackoffStrategy, DefaultJobOptions, Job, Queue, Worker } from 'bullmq';

/**
 * Announces committed outbox events between processes (it satisfies the domain's EventPublisher).
 * Only a wake-up travels ("events up to id N exist"); the events themselves are read from
 * PostgreSQL in id order, so a lost message only delays delivery until the next poll.
 */
export interface EventBus {
  publish(eventIds: readonly number[]): void;
  /** Calls `onWake` whenever any process announces new events. Returns a function that stops listening. */
  listen(onWake: () => void): Promise<() => Promise<void>>;
}

/** Fixed-window counters shared by every api process (it satisfies the domain's RateLimitStore). */
export interface RateLimitCounters {
  hit(key: string, windowSeconds: number): Promise<{ count: number; retryAfterSeconds: number }>;
  reset(key: string): Promise<void>;
}

/** Workers mark themselves alive; /readyz counts them. */
export interface WorkerPresence {
  beat(worker: string): Promise<void>;
  leave(worker: string): Promise<void>;
  /** Workers heard from in the last 30 s. */
  count(): Promise<number>;
}

// The queue classes are generic over the store they run on; the code around them does not care which.
export type JobQueue = Queue<any, any, string, any, any, any, any, any>;
export type JobWorker = Worker<any, any, string, any, any, any>;
export type JobProcessor = (job: Job) => Promise<unknown>;

/**
 * Where jobs, live wake-ups, rate-limit counters and worker heartbeats live: Redis, or
 * PostgreSQL alone. Chosen once at start (`openBackend`); nothing else knows which.
 */
export interface Backend {
  readonly kind: 'redis' | 'postgres';
  readonly events: EventBus;
  readonly rateLimits: RateLimitCounters;
  readonly workers: WorkerPresence;
  /** Servers besides PostgreSQL this backend needs, each with a liveness check, for /readyz. */
  readonly checks: Readonly<Record<string, () => Promise<unknown>>>;
  createQueue(options?: { defaultJobOptions?: DefaultJobOptions }): JobQueue;
  createWorker(processor: JobProcessor, options: { concurrency: number; backoffStrategy?: BackoffStrategy }): JobWorker;
  /**
   * Calls `listener` each time the queues' store is reachable again after losing it. A Redis
   * that restarted may have come back empty: recurring schedules must then be upserted again.
   */
  onReconnect(listener: () => void): void;
  /** Closes the connections the backend opened (queues and workers are closed by their owners). */
  close(): Promise<void>;
}
