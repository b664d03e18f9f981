export * from './backend/index.js';
export {
  defaultJobOptions,
  eventJobId,
  JOB_NAMES,
  type JobName,
  type JobPayloads,
  notificationMailJobId,
  QUEUE_NAME,
  RELAYED_EVENTS,
  RETRY_BACKOFF,
  type RetryPolicy,
  retryDelay,
} from './jobs.js';
export { resolveServices, type Services } from './services.js';
