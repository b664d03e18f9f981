import { dueDigests } from '@hubspoke/domain';
import { defaultJobOptions, digestBatchJobId } from '@hubspoke/jobs';
import type { Handler, WorkerDeps } from '../registry.js';

/**
 * People per `digests.send` job. A batch's contents come from one statement planned once (a
 * person's own statement took ~5 ms to plan and ~1 ms to run); batches small enough that the
 * worker's concurrent jobs keep both the database and the mail server busy, and a retry redoes
 * little.
 */
export const DIGEST_BATCH = 100;

/**
 * Batches of people due, each with their period; a batch's id says whom it holds, so a repeated
 * plan is a no-op while it waits or retries, and one that failed for good is retried (the claims
 * in PostgreSQL keep each digest to one mail, whatever batch it ends up in). Daily and weekly
 * digests go in separate batches: a batch's statement is planned for its widest window.
 */
export async function planDigests(deps: WorkerDeps): Promise<{ planned: number; revived: number }> {
  const due = await dueDigests(deps, deps.clock.now());
  const jobs = [];
  for (const frequency of ['daily', 'weekly'] as const) {
    const group = due.filter((d) => d.frequency === frequency);
    for (let i = 0; i < group.length; i += DIGEST_BATCH) {
      const digests = group.slice(i, i + DIGEST_BATCH).map((d) => ({ userId: d.user_id, period: d.period }));
      jobs.push({
        name: 'digests.send' as const,
        data: { digests },
        opts: { ...defaultJobOptions, jobId: digestBatchJobId(digests), removeOnComplete: { age: 7 * 86_400 } },
      });
    }
  }
  const revived = await deps.revive(jobs);
  return { planned: due.length, revived };
}

/** Every 15 minutes (and with each mail sweep). */
export const digestsPlan: Handler<'digests.plan'> = (deps) => planDigests(deps);
