import { nudgesForAssignment } from '@hubspoke/domain';
import { defaultJobOptions, nudgeJobId } from '@hubspoke/jobs';
import { UnrecoverableError } from 'bullmq';
import type { Handler } from '../registry.js';

/**
 * Delayed jobs for the reminder and the escalation of one assignment. They live in the queue's
 * store, so they survive worker restarts; their ids make a re-run schedule nothing new, and the
 * nudge itself checks that the question is still open when it fires.
 */
export const tutoringSchedule: Handler<'tutoring.schedule'> = async (deps, { eventId }) => {
  const nudges = await nudgesForAssignment(deps, eventId);
  if (!nudges) throw new UnrecoverableError(`event ${eventId} does not exist`);
  const now = deps.clock.now().getTime();
  await deps.enqueueMany(
    nudges.map(({ nudge, dueAt }) => ({
      name: 'tutoring.nudge' as const,
      data: nudge,
      opts: { ...defaultJobOptions, jobId: nudgeJobId(nudge), delay: Math.max(0, dueAt.getTime() - now) },
    })),
  );
  return { scheduled: nudges.length };
};
