import {
  type DocumentKind,
  type DocumentLanguage,
  type DocumentStatus,
  documentFollowerRepo,
  documentHistoryRepo,
  documentListRepo,
  documentVersionRepo,
  type UserRow,
} from '@hubspoke/db';
import { type Actor, canAuthorDocument, canSeeDocumentDrafts, isAdmin, isStaff } from '../permissions.js';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { forbidden, notFound } from '../shared/errors.js';
import { newestVisibleVersion, readableDocument } from './access.js';
import { documentToDto, transitionToDto, versionToDto } from './dto.js';
import { allowedTransitions } from './workflow.js';

/** Archived documents leave the library unless asked for by status. */
const LIBRARY_STATUSES: DocumentStatus[] = ['draft', 'submitted', 'changes_requested', 'published'];

export interface ListDocumentsInput {
  kind?: DocumentKind;
  focusArea?: string;
  dimension?: string;
  tableId?: number;
  status?: DocumentStatus;
  language?: DocumentLanguage;
  q?: string;
  cursor?: string;
  limit?: number;
}

const isListCursor = (v: any): v is { f: boolean; u: string; i: number } =>
  typeof v?.f === 'boolean' && typeof v?.u === 'string' && !Number.isNaN(Date.parse(v.u)) && Number.isSafeInteger(v?.i);

/** The library as the actor may see it: featured first, then recently changed, keyset-paginated. */
export async function listDocuments(deps: Pick<Deps, 'db'>, actor: Actor, input: ListDocumentsInput) {
  const limit = pageSize(input.limit);
  const cursor = decodeCursor(input.cursor, isListCursor);
  const { status, q, cursor: _c, limit: _l, ...filters } = input;
  const text = q?.trim();
  const rows = await documentListRepo.list(
    deps.db,
    actor,
    { ...filters, statuses: status ? [status] : LIBRARY_STATUSES, ...(text ? { text } : {}) },
    cursor ? { featured: cursor.f, updatedAt: new Date(cursor.u), id: cursor.i } : undefined,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((d) => documentToDto(d, canSeeDocumentDrafts(actor, d, d.is_member))),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ f: last.featured, u: last.updated_at.toISOString(), i: last.id })
        : null,
  };
}

/**
 * The documents waiting for a moderator's decision in the tables the actor moderates (every
 * table for admins), those waiting longest last seen first.
 */
export async function reviewQueue(deps: Pick<Deps, 'db'>, actor: Actor) {
  if (!isStaff(actor)) throw forbidden('The review queue is for moderators and admins');
  const rows = await documentListRepo.list(
    deps.db,
    actor,
    { statuses: ['submitted'], ...(isAdmin(actor) ? {} : { moderatedBy: actor.id }) },
    undefined,
    REVIEW_QUEUE_LIMIT,
  );
  return rows.map((d) => documentToDto(d, true)).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
}

const REVIEW_QUEUE_LIMIT = 200;

/** One document with its versions (those the actor may see), its review history and what the actor may do. */
export async function getDocument(deps: Pick<Deps, 'db'>, actor: UserRow, documentId: number) {
  const context = await readableDocument(deps.db, actor, documentId);
  const [row, versions, history] = await Promise.all([
    documentListRepo.findVisible(deps.db, actor, documentId),
    documentVersionRepo.list(deps.db, documentId, newestVisibleVersion(context)),
    context.seesDrafts ? documentHistoryRepo.list(deps.db, documentId) : [],
  ]);
  if (!row) throw notFound('document');
  const transitions = allowedTransitions(actor, context);
  return {
    document: documentToDto(row, context.seesDrafts),
    versions: versions.map((v) => versionToDto(v, row.published_number)),
    history: history.map(transitionToDto),
    permissions: {
      transitions,
      upload: canAuthorDocument(actor, row, context.isMember) && row.status !== 'archived',
      feature: context.curates && row.status === 'published',
    },
  };
}

export async function setDocumentFollowing(deps: Pick<Deps, 'db'>, actor: Actor, documentId: number, on: boolean) {
  await readableDocument(deps.db, actor, documentId);
  await documentFollowerRepo.setFollowing(deps.db, documentId, actor.id, on);
}
