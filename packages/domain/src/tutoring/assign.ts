import { auditRepo, eventRepo, type ThreadRow, type Tx, tutoringRepo } from '@hubspoke/db';
import type { Actor } from '../permissions.js';
import { rooms } from '../shared/events.js';

/**
 * Gives a question to the least busy tutor of its pool (or, with no pool, a moderator of its
 * table), inside the caller's transaction. The `question.assigned` event lets the worker notify
 * the tutor and schedule the reminder and the escalation for this assignment.
 */
export async function assignQuestion(
  tx: Tx,
  thread: Pick<ThreadRow, 'id' | 'table_id' | 'focus_area' | 'draft_document_id'>,
  options: { at: Date; actorId: number | null; exclude?: number[]; tutorId?: number | null; reason: string },
): Promise<{ tutorId: number | null; eventId: number }> {
  const tutorId =
    options.tutorId !== undefined
      ? options.tutorId
      : ((await tutoringRepo.candidates(tx, thread, options.exclude ?? []))[0]?.id ?? null);
  await tutoringRepo.assign(tx, thread.id, tutorId, options.at);
  await auditRepo.record(tx, {
    actorId: options.actorId,
    action: 'question.assign',
    subjectType: 'thread',
    subjectId: thread.id,
    data: { tutorId, reason: options.reason },
  });
  const eventId = await eventRepo.insert(tx, {
    name: 'question.assigned',
    rooms: [rooms.thread(thread.id), ...(tutorId ? [rooms.user(tutorId)] : [])],
    data: { threadId: thread.id, tutorId, assignedAt: options.at.toISOString() },
  });
  return { tutorId, eventId };
}

/**
 * Hands on the open questions a tutor may no longer read, once a pool place or a membership is
 * gone: left with them, a question would sit unseen until its escalation.
 */
export async function reassignUnreadable(
  tx: Tx,
  tutor: Actor,
  options: { at: Date; actorId: number | null },
): Promise<number[]> {
  const eventIds: number[] = [];
  for (const thread of await tutoringRepo.assignedUnreadable(tx, tutor)) {
    const { eventId } = await assignQuestion(tx, thread, { ...options, exclude: [tutor.id], reason: 'access_lost' });
    eventIds.push(eventId);
  }
  return eventIds;
}
