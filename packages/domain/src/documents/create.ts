import {
  auditRepo,
  type DocumentKind,
  type DocumentLanguage,
  documentRepo,
  documentVersionRepo,
  eventRepo,
  type Tx,
  tableRepo,
  threadRepo,
  type UserRow,
} from '@hubspoke/db';
import { assertPattoAccepted } from '../consents/consents.js';
import { prepareTitle } from '../forum/content.js';
import { enforcePostingLimit } from '../forum/threads.js';
import { canAuthorDocument, canPostInTable, canReadTable } from '../permissions.js';
import { conflict, forbidden, notFound } from '../shared/errors.js';
import { rooms } from '../shared/events.js';
import { readableDocument } from './access.js';
import { openDiscussion, postDiscussionOpening } from './discussion.js';
import { documentEventData, versionToDto } from './dto.js';
import { getDocument } from './library.js';
import { prepareDescription, prepareNote, prepareTags } from './metadata.js';
import type { DocumentDeps } from './storage.js';
import { type StoredUpload, storeUpload, type Upload } from './upload.js';

export interface NewDocumentInput {
  tableId: number;
  title: string;
  description?: string;
  kind: DocumentKind;
  focusArea: string;
  dimension?: string | null;
  language: DocumentLanguage;
  tags?: string[];
}

async function insertVersion(tx: Tx, documentId: number, file: StoredUpload, note: string, by: UserRow, at: Date) {
  const number = await documentRepo.takeVersionNumber(tx, documentId, at);
  return documentVersionRepo.insert(tx, {
    document_id: documentId,
    number,
    storage_key: file.key,
    sha256: file.sha256,
    size: file.size,
    media_type: file.mediaType,
    original_name: file.originalName,
    note,
    uploaded_by: by.id,
    created_at: at,
  });
}

/**
 * Shares a document as a draft with its first version and opens its discussion thread, all in
 * one transaction. Everything that can be refused is checked before a byte is stored.
 */
export async function createDocument(deps: DocumentDeps, actor: UserRow, input: NewDocumentInput, upload: Upload) {
  const table = await tableRepo.findById(deps.db, input.tableId);
  const isMember = table ? await tableRepo.isMember(deps.db, table.id, actor.id) : false;
  if (!table || !canReadTable(actor, table, isMember)) throw notFound('table');
  if (!canPostInTable(actor, isMember)) throw forbidden('Only members of this table can share documents here');
  await assertPattoAccepted(deps, actor);
  const title = prepareTitle(input.title);
  const description = prepareDescription(input.description);
  const tags = prepareTags(input.tags);
  await enforcePostingLimit(deps, actor);
  const file = await storeUpload(deps, upload);
  const now = deps.clock.now();

  const { documentId, eventIds } = await deps.db.transaction().execute(async (tx) => {
    const subject = { table_id: table.id, focus_area: input.focusArea, dimension: input.dimension ?? null, title };
    const thread = await openDiscussion(tx, actor, subject, now);
    const created = await documentRepo.insert(tx, {
      ...subject,
      thread_id: thread.id,
      author_id: actor.id,
      description,
      kind: input.kind,
      language: input.language,
      tags,
      created_at: now,
    });
    await insertVersion(tx, created.id, file, '', actor, now);
    await threadRepo.bindToDraft(tx, thread.id, created.id);
    const threadEvent = await postDiscussionOpening(deps, tx, actor, thread, created.id, now);
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: 'document.create',
      subjectType: 'document',
      subjectId: created.id,
      data: { tableId: table.id, sha256: file.sha256 },
    });
    const documentEvent = await eventRepo.insert(tx, {
      name: 'document.updated',
      rooms: [rooms.table(table.id), rooms.thread(thread.id)],
      data: documentEventData(created, null),
    });
    return { documentId: created.id, eventIds: [threadEvent, documentEvent] };
  });
  deps.events.publish(eventIds);
  return (await getDocument(deps, actor, documentId)).document;
}

/**
 * A new version by the author. Publishing later publishes the newest version; until then the
 * published one stays the one readers get.
 */
export async function addVersion(
  deps: DocumentDeps,
  actor: UserRow,
  documentId: number,
  note: string | undefined,
  upload: Upload,
) {
  const context = await readableDocument(deps.db, actor, documentId);
  if (!canAuthorDocument(actor, context.document, context.isMember)) throw forbidden('Only the author adds versions');
  await assertPattoAccepted(deps, actor);
  if (context.document.status === 'archived') throw conflict('document_archived', 'This document is archived');
  const cleanNote = prepareNote(note);
  const file = await storeUpload(deps, upload);
  const now = deps.clock.now();

  const { version, eventId } = await deps.db.transaction().execute(async (tx) => {
    const locked = await documentRepo.lockById(tx, documentId);
    if (!locked) throw notFound('document');
    if (locked.status === 'archived') throw conflict('document_archived', 'This document is archived');
    const version = await insertVersion(tx, documentId, file, cleanNote, actor, now);
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: 'document.version_add',
      subjectType: 'document',
      subjectId: documentId,
      data: { number: version.number, sha256: file.sha256 },
    });
    const eventId = await eventRepo.insert(tx, {
      name: 'document.updated',
      rooms: [rooms.table(locked.table_id), rooms.thread(locked.thread_id)],
      data: documentEventData({ ...locked, updated_at: now }, locked.published_number),
    });
    return { version, eventId };
  });
  deps.events.publish([eventId]);
  return versionToDto({ ...version, uploader_name: actor.display_name }, context.document.published_number);
}
