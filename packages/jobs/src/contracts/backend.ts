import type { BackoffStrategy, DefaultJobOptions, Job, Queue, Worker } from 'bullmq';

/**
 * Tells other processes which outbox events just committed: what services need (the domain's
 * `Deps.events`). The api wires the backend's event bus; elsewhere the relay picks the events up
 * from the outbox table.
 */
export interface EventPublisher {
  publish(eventIds: readonly number[]): void;
}

/**
 * The backend's side of the same channel. Only a wake-up travels ("events up to id N exist");
 * the events themselves are read from PostgreSQL in id order, so a lost message only delays
 * delivery until the next poll.
 */
export interface EventBus extends EventPublisher {
  /** Calls `onWake` whenever any process announces new events. Returns a function that stops listening. */
  listen(onWake: () => void): Promise<() => Promise<void>>;
}

/**
 * Fixed-window counters shared by every api process (Redis, or PostgreSQL alone). `hit` counts
 * one attempt and tells how many were made in the current window.
 */
export interface RateLimitStore {
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
  readonly rateLimits: RateLimitStore;
  readonly workers: WorkerPresence;
  /** Servers besides PostgreSQL this backend needs, each with a liveness check, for /readyz. */
  readonly checks: Readonly<Record<string, () => Promise<unknown>>>;
  /**
   * A producer (adding jobs, or looking at them): while the store is unreachable its commands
   * fail at once, so the caller can answer or roll back instead of hanging.
   */
  createQueue(options?: { defaultJobOptions?: DefaultJobOptions }): JobQueue;
  /** A consumer: its connection waits for the store to come back rather than failing its blocking commands. */
  createWorker(
    processor: JobProcessor,
    options: { concurrency: number; backoffStrategy?: BackoffStrategy; lockMs?: number },
  ): JobWorker;
  /**
   * Calls `listener` each time the queues' store is reachable again after losing it. A Redis
   * that restarted may have come back empty: recurring schedules must then be upserted again.
   */
  onReconnect(listener: () => void): void;
  /** Closes the connections the backend opened (queues and workers are closed by their owners). */
  close(): Promise<void>;
}
