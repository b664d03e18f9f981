import { eventRepo, pathRepo } from '@hubspoke/db';
import { notify } from '../notifications/notify.js';
import type { Deps } from '../shared/deps.js';

/** How long before a session its people hear of it: the day before. */
const REMINDER_AHEAD_MS = 24 * 60 * 60 * 1000;
const NOTIFY_BATCH = 1000;

/**
 * The recurring job's work: reminds the people of each table of its sessions starting within a
 * day, once per session (claimed with `reminded_at` in the same transaction, so two workers or a
 * retry never remind twice). The notification's mail follows the person's "programme and
 * tutoring" preference through the `session.reminder` event. Returns how many sessions it covered.
 */
export async function remindComingSessions(deps: Pick<Deps, 'db' | 'clock' | 'events'>, limit = 20): Promise<number> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + REMINDER_AHEAD_MS);
  const { count, eventIds } = await deps.db.transaction().execute(async (tx) => {
    const due = await pathRepo.lockDueReminders(tx, now, until, limit);
    const ids: number[] = [];
    for (const session of due) {
      const eventId = await eventRepo.insert(tx, {
        name: 'session.reminder',
        rooms: [],
        data: { sessionId: session.id, tableId: session.table_id },
      });
      const people = await pathRepo.participantIds(tx, session.table_id);
      // In batches: one statement may carry at most 65,535 parameters.
      for (let i = 0; i < people.length; i += NOTIFY_BATCH) {
        const batch = await notify(
          tx,
          people.slice(i, i + NOTIFY_BATCH).map((userId) => ({
            user_id: userId,
            kind: 'session_reminder' as const,
            event_id: eventId,
            thread_id: null,
            post_id: null,
            actor_id: null,
            data: {
              threadTitle: session.title,
              sessionId: session.id,
              tableId: session.table_id,
            },
          })),
        );
        ids.push(...batch.eventIds);
      }
      await pathRepo.markReminded(tx, session.id, now);
    }
    return { count: due.length, eventIds: ids };
  });
  deps.events.publish(eventIds);
  return count;
}
