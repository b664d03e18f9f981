import { eventRepo } from '@hubspoke/db';
import { nudgeTimes } from '@hubspoke/domain';
import { defaultJobOptions } from '@hubspoke/jobs';
import { UnrecoverableError } from 'bullmq';
import type { Handler } from '../registry.js';

/**
 * Delayed jobs for the reminder and the escalation of one assignment. They live in Redis, so
 * they survive worker restarts; their ids make a re-run schedule nothing new, and the nudge
 * itself checks that the question is still open when it fires.
 */
export const tutoringSchedule: Handler<'tutoring.schedule'> = async (deps, { eventId }) => {
  const event = await eventRepo.findById(deps.db, eventId);
  if (!event) throw new UnrecoverableError(`event ${eventId} does not exist`);
  const { threadId, tutorId, assignedAt } = event.data as {
    threadId: number;
    tutorId: number | null;
    assignedAt: string;
  };
  if (tutorId === null) return { scheduled: 0 };
  const times = nudgeTimes(deps, new Date(assignedAt));
  const now = deps.clock.now().getTime();
  const stamp = new Date(assignedAt).getTime();
  await deps.enqueueMany(
    (['reminder', 'escalation'] as const).map((which) => ({
      name: 'tutoring.nudge' as const,
      data: { threadId, assignedAt, which },
      opts: {
        ...defaultJobOptions,
        jobId: `nudge-${which}-${threadId}-${stamp}`,
        delay: Math.max(0, times[which].getTime() - now),
      },
    })),
  );
  return { scheduled: 2 };
};
