import type { DefaultJobOptions } from 'bullmq';

/** Every job the worker runs, in one queue. Each name has exactly one handler in apps/worker. */
export const QUEUE_NAME = 'main';

export const JOB_NAMES = ['sessions.cleanup'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobPayloads {
  'sessions.cleanup': Record<string, never>;
}

export const defaultJobOptions: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: false,
};
