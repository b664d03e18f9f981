import {
  auditRepo,
  type DocumentStatus,
  documentHistoryRepo,
  documentRepo,
  documentVersionRepo,
  eventRepo,
  type Tx,
  threadRepo,
  type UserRow,
} from '@hubspoke/db';
import { normaliseText } from '@hubspoke/markdown';
import { threadEventData } from '../forum/dto.js';
import { focusRooms, tableRooms } from '../forum/opening.js';
import type { Deps } from '../shared/deps.js';
import { conflict, forbidden, notFound } from '../shared/errors.js';
import { rooms } from '../shared/events.js';
import { readableDocument } from './access.js';
import { documentEventData } from './dto.js';
import { getDocument } from './library.js';
import { notifyDocumentChange } from './notify.js';
import { checkTransition } from './workflow.js';

/**
 * Moves a document through review. Checked again under the row lock, so two moderators acting at
 * once cannot both succeed. Publishing publishes the newest version. Every move is in the review
 * history and the audit log, announced live, and notified to the author and followers.
 */
export async function transitionDocument(
  deps: Deps,
  actor: UserRow,
  documentId: number,
  input: { to: DocumentStatus; comment?: string | null },
) {
  const context = await readableDocument(deps.db, actor, documentId);
  const comment = normaliseText(input.comment ?? '').trim() || null;
  checkTransition(actor, context, input.to, comment);
  const now = deps.clock.now();

  const eventIds = await deps.db.transaction().execute(async (tx) => {
    const before = await documentRepo.lockById(tx, documentId);
    if (!before) throw notFound('document');
    checkTransition(actor, { ...context, document: before }, input.to, comment);
    const newest = await documentVersionRepo.findByNumber(tx, documentId, before.version_count);
    if (!newest) throw notFound('version');
    const publishes = input.to === 'published';
    const after = await documentRepo.update(tx, documentId, {
      status: input.to,
      updated_at: now,
      ...(publishes ? { published_version_id: newest.id } : {}),
      // A retired document is no longer put forward.
      ...(input.to === 'archived' ? { featured: false } : {}),
    });
    const change = { from: before.status, to: input.to, version: newest.number, comment };
    await documentHistoryRepo.insert(tx, {
      document_id: documentId,
      from_status: change.from,
      to_status: change.to,
      version_number: change.version,
      comment,
      actor_id: actor.id,
      created_at: now,
    });
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: 'document.transition',
      subjectType: 'document',
      subjectId: documentId,
      data: change,
    });
    const eventId = await eventRepo.insert(tx, {
      name: 'document.updated',
      rooms: [rooms.table(after.table_id), rooms.thread(after.thread_id)],
      data: documentEventData(after, publishes ? newest.number : before.published_number),
    });
    const opened = publishes && before.published_version_id === null ? await announcePublished(tx, documentId) : [];
    return [eventId, ...opened, ...(await notifyDocumentChange(tx, { document: after, actor, eventId, comment }))];
  });
  deps.events.publish(eventIds);
  return (await getDocument(deps, actor, documentId)).document;
}

/** At its first publication a document's threads open to the table: its rooms hear of them now. */
async function announcePublished(tx: Tx, documentId: number): Promise<number[]> {
  const eventIds: number[] = [];
  for (const thread of await threadRepo.releaseDraft(tx, documentId)) {
    eventIds.push(
      await eventRepo.insert(tx, {
        name: 'thread.updated',
        rooms: [rooms.thread(thread.id), ...tableRooms(thread), ...(await focusRooms(tx, thread))],
        data: threadEventData(thread),
      }),
    );
  }
  return eventIds;
}

/** Moderators put published documents forward in the library, or stop doing so. */
export async function setDocumentFeatured(deps: Deps, actor: UserRow, documentId: number, featured: boolean) {
  const context = await readableDocument(deps.db, actor, documentId);
  if (!context.curates) throw forbidden('Only the moderators of this table can feature documents');

  const eventId = await deps.db.transaction().execute(async (tx) => {
    const before = await documentRepo.lockById(tx, documentId);
    if (!before) throw notFound('document');
    if (featured && before.status !== 'published') {
      throw conflict('not_published', 'Only published documents can be featured');
    }
    if (before.featured === featured) return undefined;
    const after = await documentRepo.update(tx, documentId, { featured });
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: featured ? 'document.feature' : 'document.unfeature',
      subjectType: 'document',
      subjectId: documentId,
    });
    return eventRepo.insert(tx, {
      name: 'document.updated',
      rooms: [rooms.table(after.table_id), rooms.thread(after.thread_id)],
      data: documentEventData(after, before.published_number),
    });
  });
  if (eventId !== undefined) deps.events.publish([eventId]);
  return (await getDocument(deps, actor, documentId)).document;
}
