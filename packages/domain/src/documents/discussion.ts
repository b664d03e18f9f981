import { eventRepo, postRepo, readingRepo, type ThreadRow, type Tx, threadRepo, type UserRow } from '@hubspoke/db';
import { prepareBody } from '../forum/content.js';
import { postEventData, threadEventData } from '../forum/dto.js';
import type { Deps } from '../shared/deps.js';
import { notFound } from '../shared/errors.js';
import { rooms } from '../shared/events.js';
import { documentPath } from './dto.js';

interface DiscussionSubject {
  table_id: number;
  focus_area: string;
  dimension: string | null;
  title: string;
}

/** The document's discussion thread, opened in its table by its author (the first post comes later). */
export function openDiscussion(tx: Tx, author: UserRow, subject: DiscussionSubject, at: Date): Promise<ThreadRow> {
  return threadRepo.insert(tx, {
    table_id: subject.table_id,
    focus_area: subject.focus_area,
    dimension: subject.dimension,
    kind: 'discussion',
    title: subject.title,
    author_id: author.id,
    created_at: at,
  });
}

/**
 * The first post, linking to the document page (so it needs the document's id), with what a new
 * thread always gets: counters, the author watching, and a `thread.created` event. Returns the event id.
 */
export async function postDiscussionOpening(
  deps: Pick<Deps, 'config'>,
  tx: Tx,
  author: UserRow,
  thread: ThreadRow,
  documentId: number,
  at: Date,
): Promise<number> {
  const body = `Discussione sul documento condiviso: [apri la scheda del documento](${documentPath(documentId)}).`;
  const prepared = await prepareBody(deps, tx, thread.table_id, body);
  const number = await threadRepo.appendPost(tx, thread.id, author.id, at);
  const post = await postRepo.insert(tx, {
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
  await readingRepo.watchUnlessChosen(tx, author.id, thread.id);
  await readingRepo.markRead(tx, author.id, thread.id, number, at);
  const updated = await threadRepo.findById(tx, thread.id);
  if (!updated) throw notFound('thread');
  return eventRepo.insert(tx, {
    name: 'thread.created',
    rooms: [rooms.table(thread.table_id), rooms.focus(thread.focus_area)],
    data: {
      thread: threadEventData(updated),
      post: postEventData({ ...post, author_name: author.display_name, author_handle: author.handle }),
    },
  });
}
