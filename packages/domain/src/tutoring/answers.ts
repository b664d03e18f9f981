import { auditRepo, eventRepo, postRepo, threadRepo, tutoringRepo, type UserRow, userRepo } from '@hubspoke/db';
import { readableThread } from '../forum/access.js';
import { threadEventData, threadToDto } from '../forum/dto.js';
import { tableRooms } from '../forum/opening.js';
import { notify } from '../notifications/notify.js';
import { canAcceptAnswer, isAdmin } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { AppError, forbidden, invalid, notFound } from '../shared/errors.js';
import { rooms } from '../shared/events.js';
import { assignQuestion } from './assign.js';

async function question(deps: Pick<Deps, 'db'>, actor: UserRow, threadId: number) {
  const context = await readableThread(deps.db, actor, threadId);
  if (context.thread.kind !== 'question') throw new AppError(409, 'not_a_question', 'This thread is not a question');
  return context;
}

/** Marks one reply as the accepted answer (changeable); the question becomes resolved. */
export async function acceptAnswer(deps: Deps, actor: UserRow, threadId: number, postId: number) {
  const context = await question(deps, actor, threadId);
  if (!canAcceptAnswer(actor, context.thread, context.moderates))
    throw forbidden('Only the asker, the tutor or a moderator can accept an answer');
  const post = await postRepo.findById(deps.db, postId);
  if (!post || post.thread_id !== threadId || post.number === 1 || post.deleted_at || post.hidden_at) {
    throw invalid('invalid_answer', 'Choose a visible reply of this question');
  }
  if (post.author_id === actor.id && actor.id === context.thread.author_id) {
    throw invalid('own_reply', 'Your own reply cannot be the answer to your question');
  }
  const now = deps.clock.now();
  const eventIds = await deps.db.transaction().execute(async (tx) => {
    await tutoringRepo.accept(tx, threadId, postId, now);
    const thread = await threadRepo.lockById(tx, threadId);
    if (!thread) throw notFound('thread');
    const updated = await eventRepo.insert(tx, {
      name: 'thread.updated',
      rooms: [rooms.thread(threadId), ...tableRooms(thread)],
      data: threadEventData(thread),
    });
    const recipients = [...new Set([thread.author_id, post.author_id])].filter((id) => id !== actor.id);
    const { eventIds } = await notify(
      tx,
      recipients.map((userId) => ({
        user_id: userId,
        kind: 'answer_accepted',
        event_id: updated,
        thread_id: threadId,
        post_id: postId,
        actor_id: actor.id,
        data: { threadTitle: thread.title, postNumber: post.number, actorName: actor.display_name },
      })),
    );
    return [updated, ...eventIds];
  });
  deps.events.publish(eventIds);
  const row = await threadRepo.findListRow(deps.db, actor, threadId);
  if (!row) throw notFound('thread');
  return threadToDto(row, actor.previous_visit_at);
}

/** Moderators (or admins) give a question to a given tutor, or back to automatic routing. */
export async function reassignQuestion(deps: Deps, actor: UserRow, threadId: number, tutorId: number | null) {
  const context = await question(deps, actor, threadId);
  if (!context.moderates) throw forbidden('Only the table’s moderators reassign questions');
  if (tutorId !== null) {
    const tutor = await userRepo.findById(deps.db, tutorId);
    if (!tutor || !(tutor.role === 'tutor' || tutor.role === 'moderator' || isAdmin(tutor)))
      throw invalid('invalid_tutor', 'Choose a tutor');
  }
  const { eventId } = await deps.db.transaction().execute((tx) =>
    assignQuestion(tx, context.thread, {
      at: deps.clock.now(),
      actorId: actor.id,
      reason: 'reassigned',
      ...(tutorId !== null ? { tutorId } : {}),
    }),
  );
  deps.events.publish([eventId]);
}

/** The assigned tutor gives the question back: it goes to someone else of the pool. */
export async function handBackQuestion(deps: Deps, actor: UserRow, threadId: number) {
  const context = await question(deps, actor, threadId);
  if (context.thread.assigned_tutor_id !== actor.id)
    throw forbidden('Only the assigned tutor can hand a question back');
  const { eventId, tutorId } = await deps.db.transaction().execute(async (tx) => {
    const result = await assignQuestion(tx, context.thread, {
      at: deps.clock.now(),
      actorId: actor.id,
      exclude: [actor.id],
      reason: 'handed_back',
    });
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: 'question.hand_back',
      subjectType: 'thread',
      subjectId: threadId,
    });
    return result;
  });
  deps.events.publish([eventId]);
  return { tutorId };
}
