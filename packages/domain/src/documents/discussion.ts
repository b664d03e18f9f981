import { type ThreadRow, type Tx, threadRepo, type UserRow } from '@hubspoke/db';
import { prepareBody } from '../forum/content.js';
import { addOpeningPost, announceThread } from '../forum/opening.js';
import type { Deps } from '../shared/deps.js';
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
  const { post } = await addOpeningPost(tx, author, thread, prepared, at);
  return announceThread(tx, thread, post);
}
