/**
 * What the api, the worker and the services agree on, whatever backend runs the jobs: job
 * names and payloads, deterministic job ids, retry options, and the interfaces of the backend.
 * Nothing here opens a connection.
 */
export type {
  Backend,
  EventBus,
  EventPublisher,
  JobProcessor,
  JobQueue,
  JobWorker,
  RateLimitStore,
  WorkerPresence,
} from './backend.js';
export { digestBatchJobId, digestJobId, eventJobId, notificationMailsJobId, nudgeJobId } from './job-ids.js';
export { JOB_NAMES, type JobName, type JobPayloads, type NudgeKind, QUEUE_NAME, RELAYED_EVENTS } from './jobs.js';
export { defaultJobOptions, RETRY_BACKOFF, type RetryPolicy, retryDelay } from './retries.js';
