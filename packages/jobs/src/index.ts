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
} from './jobs.js';
export { resolveServices, type Services } from './services.js';
