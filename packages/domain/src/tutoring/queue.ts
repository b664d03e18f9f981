import { tutoringRepo } from '@hubspoke/db';
import type { Actor } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { forbidden } from '../shared/errors.js';
import { paths } from '../shared/urls.js';
import { workingMsBetween } from './working-time.js';

/** The questions assigned to me: unanswered oldest first (with their age), then those awaiting acceptance. */
export async function tutorQueue(deps: Pick<Deps, 'db' | 'clock' | 'config'>, actor: Actor) {
  if (actor.role === 'participant') throw forbidden('The tutoring queue is for tutors and moderators');
  const now = deps.clock.now();
  const rows = await tutoringRepo.queue(deps.db, actor);
  return rows.map((q) => ({
    threadId: q.id,
    title: q.title,
    url: paths.thread(q.id),
    table: { id: q.table_id, name: q.table_name },
    focusArea: q.focus_area,
    status: q.question_status as 'open' | 'answered',
    asker: { id: q.asker_id, displayName: q.asker_name },
    askedAt: q.created_at.toISOString(),
    ageHours: Math.round(workingMsBetween(q.created_at, now, deps.config.tutoring) / 360_000) / 10,
    replies: q.post_count - 1,
  }));
}
