import { eventRepo, notificationRepo, threadRepo, tutoringRepo } from '@hubspoke/db';
import type { JobPayloads, NudgeKind } from '@hubspoke/jobs';
import { notify } from '../notifications/notify.js';
import type { Deps } from '../shared/deps.js';
import { rooms } from '../shared/events.js';
import { addWorkingTime } from './working-time.js';

type Nudge = JobPayloads['tutoring.nudge'];

/** When the reminder and the escalation of an assignment are due. */
export function nudgeTimes(deps: Pick<Deps, 'config'>, assignedAt: Date): Record<NudgeKind, Date> {
  const t = deps.config.tutoring;
  return {
    reminder: addWorkingTime(assignedAt, t.reminderHours, t),
    escalation: addWorkingTime(assignedAt, t.escalationHours, t),
  };
}

/**
 * The reminder and the escalation an assignment (its `question.assigned` outbox event) calls
 * for, each with the time it is due: none when the question was left without a tutor.
 * Undefined when the event does not exist.
 */
export async function nudgesForAssignment(
  deps: Pick<Deps, 'db' | 'config'>,
  eventId: number,
): Promise<Array<{ nudge: Nudge; dueAt: Date }> | undefined> {
  const event = await eventRepo.findById(deps.db, eventId);
  if (!event) return undefined;
  const { threadId, tutorId, assignedAt } = event.data as {
    threadId: number;
    tutorId: number | null;
    assignedAt: string;
  };
  if (tutorId === null) return [];
  const times = nudgeTimes(deps, new Date(assignedAt));
  return (['reminder', 'escalation'] as const).map((which) => ({
    nudge: { threadId, assignedAt, which },
    dueAt: times[which],
  }));
}

/**
 * Reminds the tutor, or tells the table's moderators, that a question is still unanswered.
 * Fires only for the assignment it was scheduled for, only while nobody answered, and only once
 * (the thread row records it), however often the job runs.
 */
export async function sendNudge(deps: Pick<Deps, 'db' | 'clock'>, job: Nudge) {
  const thread = await threadRepo.findById(deps.db, job.threadId);
  if (!thread || thread.assigned_tutor_id === null) return { eventIds: [], notifications: [] };
  const column = job.which === 'reminder' ? 'reminded_at' : 'escalated_at';
  if (!(await tutoringRepo.claimNudge(deps.db, thread.id, new Date(job.assignedAt), column, deps.clock.now()))) {
    return { eventIds: [], notifications: [] };
  }
  // A tutor who can no longer read the table is never reminded of what it holds.
  const recipients =
    job.which === 'reminder'
      ? [...(await notificationRepo.canReadTable(deps.db, thread.table_id, [thread.assigned_tutor_id]))]
      : await tutoringRepo.moderatorsOf(deps.db, thread.table_id);
  return deps.db.transaction().execute(async (tx) => {
    const source = await eventRepo.insert(tx, {
      name: `question.${job.which}`,
      rooms: [rooms.thread(thread.id)],
      data: { threadId: thread.id, assignedAt: job.assignedAt },
    });
    const result = await notify(
      tx,
      recipients.map((userId) => ({
        user_id: userId,
        kind: job.which === 'reminder' ? 'question_reminder' : 'question_escalated',
        event_id: source,
        thread_id: thread.id,
        post_id: null,
        actor_id: null,
        data: { threadTitle: thread.title, postNumber: 1, actorName: '' },
      })),
    );
    return { eventIds: [source, ...result.eventIds], notifications: result.notifications };
  });
}
