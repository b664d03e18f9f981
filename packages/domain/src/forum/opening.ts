import {
  eventRepo,
  postRepo,
  readingRepo,
  type ThreadRow,
  type Tx,
  tableRepo,
  threadRepo,
  type UserRow,
} from '@hubspoke/db';
import { notFound } from '../shared/errors.js';
import { rooms } from '../shared/events.js';
import type { PreparedBody } from './content.js';
import { postEventData, threadEventData } from './dto.js';

/**
 * The first post of a new thread, with what every new thread gets: its counters, the author
 * as participant and watcher (and reader), mentions, and the `thread.created` outbox event.
 * Shared by forum threads and document discussions; runs in the caller's transaction.
 */
export async function addOpeningPost(tx: Tx, author: UserRow, thread: ThreadRow, prepared: PreparedBody, at: Date) {
  const number = await threadRepo.appendPost(tx, thread.id, author.id, at);
  const inserted = await postRepo.insert(tx, {
    thread_id: thread.id,
    number,
    author_id: author.id,
    reply_to_post_id: null,
    body: prepared.body,
    body_html: prepared.bodyHtml,
    created_at: at,
    search_vector: postRepo.searchVector(prepared.plainText, thread.title),
  });
  await threadRepo.addParticipant(tx, thread.id, author.id);
  await postRepo.insertMentions(
    tx,
    inserted.id,
    prepared.mentionedUserIds.filter((id) => id !== author.id),
  );
  await readingRepo.watchUnlessChosen(tx, author.id, thread.id);
  await readingRepo.markRead(tx, author.id, thread.id, number, at);
  return {
    post: { ...inserted, author_name: author.display_name, author_handle: author.handle, author_role: author.role },
  };
}

type Heard = Pick<ThreadRow, 'table_id' | 'focus_area' | 'draft_document_id'>;

/**
 * Its table's room hears of a thread, except one about an unpublished document: that is heard
 * of only in its own room, whose listeners were checked against the draft.
 */
export const tableRooms = (thread: Heard): string[] =>
  thread.draft_document_id === null ? [rooms.table(thread.table_id)] : [];

/**
 * Anyone signed in may listen to a focus area's room, so a thread's events go there only when
 * its table is open to every participant; a lab's threads stay in the lab's own rooms.
 */
export async function focusRooms(tx: Tx, thread: Heard): Promise<string[]> {
  if (thread.draft_document_id !== null) return [];
  const table = await tableRepo.findById(tx, thread.table_id);
  return table?.visibility === 'participants' ? [rooms.focus(thread.focus_area)] : [];
}

/** Announces the new thread once everything about it (assignment included) is written. */
export async function announceThread(tx: Tx, thread: Pick<ThreadRow, 'id'>, post: Parameters<typeof postEventData>[0]) {
  const current = await threadRepo.findById(tx, thread.id);
  if (!current) throw notFound('thread');
  return eventRepo.insert(tx, {
    name: 'thread.created',
    rooms: [...tableRooms(current), ...(await focusRooms(tx, current))],
    data: { thread: threadEventData(current), post: postEventData(post) },
  });
}
