export { defaultJobOptions, JOB_NAMES, type JobName, type JobPayloads, QUEUE_NAME } from './jobs.js';
