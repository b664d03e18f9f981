import type { Deps } from '@hubspoke/domain';
import { JOB_NAMES, type JobName, type JobPayloads } from '@hubspoke/jobs';
import type { Mailer } from '@hubspoke/mail';
import type { JobsOptions } from 'bullmq';

/** What handlers get: the services' dependencies (jobs answer to no rate limit), the mailer, and the queue. */
export interface WorkerDeps extends Omit<Deps, 'rateLimits'> {
  mailer: Mailer;
  enqueue<N extends JobName>(name: N, data: JobPayloads[N], options: JobsOptions & { jobId: string }): Promise<void>;
  enqueueMany<N extends JobName>(
    jobs: Array<{ name: N; data: JobPayloads[N]; opts: JobsOptions & { jobId: string } }>,
  ): Promise<void>;
  /**
   * Like enqueueMany, and a job of the same id that failed for good is retried: for work whose
   * outcome PostgreSQL records (a mail's `sent_at`, a digest's claim), so a lost or failed job
   * never means lost work. Returns how many failed jobs were retried.
   */
  revive<N extends JobName>(
    jobs: Array<{ name: N; data: JobPayloads[N]; opts: JobsOptions & { jobId: string } }>,
  ): Promise<number>;
}

export type Handler<N extends JobName> = (deps: WorkerDeps, payload: JobPayloads[N]) => Promise<unknown>;
export type HandlerEntry = { [N in JobName]: [N, Handler<N>] }[JobName];

/**
 * Builds the name → handler map and refuses to boot when a job name has no handler or two,
 * so a job can never sit in the queue with nobody to run it.
 */
export function buildRegistry(entries: HandlerEntry[]): Map<JobName, Handler<JobName>> {
  const registry = new Map<JobName, Handler<JobName>>();
  for (const [name, handler] of entries) {
    if (registry.has(name)) throw new Error(`Two handlers for job "${name}"`);
    if (!(JOB_NAMES as readonly string[]).includes(name)) throw new Error(`Handler for unknown job "${name}"`);
    registry.set(name, handler as Handler<JobName>);
  }
  const missing = JOB_NAMES.filter((name) => !registry.has(name));
  if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  return registry;
}
