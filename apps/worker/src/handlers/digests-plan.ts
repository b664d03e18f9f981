import { dueDigests } from '@hubspoke/domain';
import { defaultJobOptions, digestJobId } from '@hubspoke/jobs';
import type { Handler, WorkerDeps } from '../registry.js';

const CHUNK = 1_000;

/**
 * One job per person and due period; ids make a repeated plan a no-op, and a job of a period
 * still due that failed for good is retried (the claim in PostgreSQL keeps it to one mail).
 */
export async function planDigests(deps: WorkerDeps): Promise<{ planned: number; revived: number }> {
  const due = await dueDigests(deps, deps.clock.now());
  let revived = 0;
  for (let i = 0; i < due.length; i += CHUNK) {
    revived += await deps.revive(
      due.slice(i, i + CHUNK).map((d) => ({
        name: 'digest.send' as const,
        data: { userId: d.user_id, period: d.period },
        opts: { ...defaultJobOptions, jobId: digestJobId(d.user_id, d.period), removeOnComplete: { age: 7 * 86_400 } },
      })),
    );
  }
  return { planned: due.length, revived };
}

/** Every 15 minutes (and with each mail sweep). */
export const digestsPlan: Handler<'digests.plan'> = (deps) => planDigests(deps);
