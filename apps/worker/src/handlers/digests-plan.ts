import { digestJobId, dueDigests } from '@hubspoke/domain';
import { defaultJobOptions } from '@hubspoke/jobs';
import type { Handler } from '../registry.js';

const CHUNK = 1_000;

/** Every 15 minutes: one job per person and due period; ids make a repeated plan a no-op. */
export const digestsPlan: Handler<'digests.plan'> = async (deps) => {
  const due = await dueDigests(deps, deps.clock.now());
  for (let i = 0; i < due.length; i += CHUNK) {
    await deps.enqueueMany(
      due.slice(i, i + CHUNK).map((d) => ({
        name: 'digest.send' as const,
        data: { userId: d.user_id, period: d.period },
        opts: { ...defaultJobOptions, jobId: digestJobId(d.user_id, d.period), removeOnComplete: { age: 7 * 86_400 } },
      })),
    );
  }
  return { planned: due.length };
};
