import type { JobQueue } from '@hubspoke/jobs';
import type { Job } from 'bullmq';

/** The states of a job that has yet to run, or to run again (a retry waits as `delayed`). */
const PENDING = ['delayed', 'waiting', 'prioritized', 'waiting-children', 'active'] as const;

/** Jobs matching `match` that are still to run, as `name(data)` for a readable failure. */
export async function pendingJobs(queue: JobQueue, match: (job: Job) => boolean): Promise<string[]> {
  const jobs: Job[] = await queue.getJobs([...PENDING]);
  return jobs.filter((job) => job && match(job)).map((job) => `${job.name}(${JSON.stringify(job.data)})`);
}

/**
 * Waits until no job matching `match` is left to run: whatever those jobs were to do is done.
 * The states are read one after another, so a job moving between two of them can be missed
 * once; it takes two empty readings in a row.
 */
export async function untilNoJobsPending(
  queue: JobQueue,
  match: (job: Job) => boolean,
  { timeoutMs = 15_000, everyMs = 50 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let empty = 0;
  for (;;) {
    const pending = await pendingJobs(queue, match);
    empty = pending.length === 0 ? empty + 1 : 0;
    if (empty === 2) return;
    if (Date.now() > deadline)
      throw new Error(`jobs still pending after ${timeoutMs} ms: ${pending.join(', ') || '(none at the last look)'}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Waits until the job with this id has completed, and gives what it returned. */
export async function completedJob(queue: JobQueue, jobId: string, { timeoutMs = 15_000, everyMs = 50 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await queue.getJobState(jobId);
    if (state === 'completed') return (await queue.getJob(jobId))?.returnvalue;
    if (state === 'failed') throw new Error(`job ${jobId} failed: ${(await queue.getJob(jobId))?.failedReason}`);
    if (Date.now() > deadline) throw new Error(`job ${jobId} not completed after ${timeoutMs} ms (${state})`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
