import {
  type NotificationKind,
  type NotificationRow,
  notificationRepo,
  postRepo,
  threadRepo,
  userRepo,
} from '@hubspoke/db';
import { isAnsweringTutor } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { notify } from './notify.js';

/** The outbox event a fan-out starts from (its data is what the forum services wrote). */
export interface SourceEvent {
  id: number;
  name: string;
  data: Record<string, any>;
}

export interface FanOut {
  /** Live events to announce once committed. */
  eventIds: number[];
  /** The notifications this run created (none on a re-run). */
  notifications: NotificationRow[];
}

const NOTHING: FanOut = { eventIds: [], notifications: [] };

/**
 * The notifications an event's own transaction wrote (a document changing status notifies its
 * author and followers there), for the mails they call for.
 */
export const notificationsOfEvent = (deps: Pick<Deps, 'db'>, eventId: number) =>
  notificationRepo.listByEvent(deps.db, eventId);

/** When several reasons apply to one person, they get the most specific one. */
const PRIORITY: NotificationKind[] = [
  'question_assigned',
  'tutor_answer',
  'asker_followup',
  'mention',
  'reply',
  'watched_reply',
  'new_thread',
];

/**
 * Turns a forum event into notifications: one per person and event, never for the person who
 * acted, never for a muted thread, never for someone who can no longer read the thread. Runs in
 * one transaction with a live event per notification; safe to run again (returns nothing new).
 */
export async function fanOutEvent(deps: Pick<Deps, 'db'>, event: SourceEvent): Promise<FanOut> {
  const postId =
    event.name === 'post.created' ? event.data.id : event.name === 'thread.created' ? event.data.post?.id : undefined;
  if (typeof postId !== 'number') return NOTHING;
  const post = await postRepo.findById(deps.db, postId);
  if (!post || post.deleted_at || post.hidden_at) return NOTHING;
  const thread = await threadRepo.findById(deps.db, post.thread_id);
  if (!thread) return NOTHING;

  const reasons = new Map<number, NotificationKind>();
  const add = (userId: number, kind: NotificationKind) => {
    const current = reasons.get(userId);
    if (current === undefined || PRIORITY.indexOf(kind) < PRIORITY.indexOf(current)) reasons.set(userId, kind);
  };
  const [levels, mentioned, repliedTo] = await Promise.all([
    notificationRepo.watchLevels(deps.db, thread),
    notificationRepo.mentionedIn(deps.db, post.id),
    post.reply_to_post_id ? postRepo.findById(deps.db, post.reply_to_post_id) : undefined,
  ]);
  const actor = await userRepo.findById(deps.db, post.author_id);
  for (const userId of mentioned) add(userId, 'mention');
  if (thread.kind === 'question' && post.number > 1 && actor) {
    if (isAnsweringTutor(actor, thread)) add(thread.author_id, 'tutor_answer');
    else if (actor.id === thread.author_id && thread.assigned_tutor_id) add(thread.assigned_tutor_id, 'asker_followup');
  }
  if (thread.kind === 'question' && post.number === 1 && thread.assigned_tutor_id)
    add(thread.assigned_tutor_id, 'question_assigned');
  if (repliedTo && !repliedTo.deleted_at) add(repliedTo.author_id, 'reply');
  const muted = new Set<number>();
  for (const l of levels) {
    if (l.thread_level === 'muted') muted.add(l.user_id);
    else if (post.number > 1 && l.thread_level === 'watching') add(l.user_id, 'watched_reply');
    else if (
      post.number === 1 &&
      l.table_level !== 'muted' &&
      (l.table_level === 'watching' || l.focus_level === 'watching')
    ) {
      add(l.user_id, 'new_thread');
    }
  }
  reasons.delete(post.author_id);
  for (const userId of muted) reasons.delete(userId);
  const allowed = await notificationRepo.canReadThread(deps.db, thread, [...reasons.keys()]);
  if (allowed.size === 0) return NOTHING;

  const data = { threadTitle: thread.title, postNumber: post.number, actorName: actor?.display_name ?? '' };
  return deps.db.transaction().execute((tx) =>
    notify(
      tx,
      [...allowed].map((userId) => ({
        user_id: userId,
        kind: reasons.get(userId) as NotificationKind,
        event_id: event.id,
        thread_id: thread.id,
        post_id: post.id,
        actor_id: post.author_id,
        data,
      })),
    ),
  );
}
