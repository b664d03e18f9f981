import { type ExpressionBuilder, sql } from 'kysely';
import type { Executor } from '../../connection.js';
import type { DB, DocumentKind, DocumentLanguage, DocumentStatus } from '../../schema.js';
import { tsQuery } from '../../text-search.js';
import { tableVisibleTo, type Viewer } from '../spaces/tables.js';
import { DOCUMENT_COLUMNS } from './documents.js';

const viewerIsMember = (eb: ExpressionBuilder<DB, 'documents'>, userId: number) =>
  eb.exists(
    eb
      .selectFrom('table_participants')
      .select('table_participants.user_id')
      .whereRef('table_participants.table_id', '=', 'documents.table_id')
      .where('table_participants.user_id', '=', userId),
  );

/**
 * The SQL form of the domain's `canSeeDocument`, on top of `tableVisibleTo` (a test keeps them
 * in step): once published, a document is as visible as its table; before, only its author, the
 * table's tutors and moderators, and admins see it.
 */
export function documentVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<DB, 'documents'>) => {
    if (viewer.role === 'admin') return eb.lit(true);
    const open = [eb('documents.published_version_id', 'is not', null), eb('documents.author_id', '=', viewer.id)];
    if (viewer.role === 'tutor' || viewer.role === 'moderator') open.push(viewerIsMember(eb, viewer.id));
    return eb.or(open);
  };
}

export interface DocumentListFilters {
  kind?: DocumentKind;
  focusArea?: string;
  dimension?: string;
  tableId?: number;
  /** Only documents of the tables of this ente. */
  enteId?: number;
  statuses: DocumentStatus[];
  language?: DocumentLanguage;
  text?: string;
  /** Only documents of tables this person moderates (belongs to as a moderator). */
  moderatedBy?: number;
}

export interface DocumentListCursor {
  featured: boolean;
  updatedAt: Date;
  id: number;
}

/** What a list row adds to the document: author, published version, the viewer's relation to it. */
function listQuery(db: Executor, viewer: Viewer) {
  return db
    .selectFrom('documents')
    .innerJoin('tables', 'tables.id', 'documents.table_id')
    .innerJoin('users', 'users.id', 'documents.author_id')
    .leftJoin('document_versions as published', 'published.id', 'documents.published_version_id')
    .select(DOCUMENT_COLUMNS)
    .select(['users.display_name as author_name', 'users.handle as author_handle'])
    .select('published.number as published_number')
    .select((eb) => [
      viewerIsMember(eb, viewer.id).$castTo<boolean>().as('is_member'),
      eb
        .exists(
          eb
            .selectFrom('document_followers')
            .select('document_followers.user_id')
            .whereRef('document_followers.document_id', '=', 'documents.id')
            .where('document_followers.user_id', '=', viewer.id),
        )
        .$castTo<boolean>()
        .as('following'),
    ])
    .where(tableVisibleTo(viewer))
    .where(documentVisibleTo(viewer));
}

/** The library: featured first, then by last change; keyset-paginated over (featured, updated_at, id). */
export function list(
  db: Executor,
  viewer: Viewer,
  filters: DocumentListFilters,
  cursor: DocumentListCursor | undefined,
  limit: number,
) {
  let query = listQuery(db, viewer)
    .where('documents.status', 'in', filters.statuses)
    .orderBy('documents.featured', 'desc')
    .orderBy('documents.updated_at', 'desc')
    .orderBy('documents.id', 'desc')
    .limit(limit);
  if (filters.kind !== undefined) query = query.where('documents.kind', '=', filters.kind);
  if (filters.focusArea !== undefined) query = query.where('documents.focus_area', '=', filters.focusArea);
  if (filters.dimension !== undefined) query = query.where('documents.dimension', '=', filters.dimension);
  if (filters.tableId !== undefined) query = query.where('documents.table_id', '=', filters.tableId);
  if (filters.language !== undefined) query = query.where('documents.language', '=', filters.language);
  if (filters.enteId !== undefined) {
    const enteId = filters.enteId;
    query = query.where((eb) =>
      eb('documents.table_id', 'in', eb.selectFrom('tables').select('tables.id').where('tables.ente_id', '=', enteId)),
    );
  }
  if (filters.moderatedBy !== undefined) {
    const moderator = filters.moderatedBy;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('table_members')
          .select('table_members.user_id')
          .whereRef('table_members.table_id', '=', 'documents.table_id')
          .where('table_members.user_id', '=', moderator),
      ),
    );
  }
  if (filters.text !== undefined) {
    const text = filters.text;
    query = query.where(sql<boolean>`documents.search_vector @@ ${tsQuery(text)}`);
  }
  if (cursor) {
    query = query.where(
      sql<boolean>`(documents.featured, documents.updated_at, documents.id) < (${cursor.featured}, ${cursor.updatedAt}, ${cursor.id})`,
    );
  }
  return query.execute();
}

export type DocumentListRow = Awaited<ReturnType<typeof list>>[number];

/** One document as a list row, if the viewer may see it. */
export function findVisible(db: Executor, viewer: Viewer, documentId: number): Promise<DocumentListRow | undefined> {
  return listQuery(db, viewer).where('documents.id', '=', documentId).executeTakeFirst();
}

/** Of `userIds`, those who may see the document now (same rule as `documentVisibleTo`, per person). */
export async function whoCanSee(db: Executor, documentId: number, userIds: readonly number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .innerJoin('documents', (j) => j.on('documents.id', '=', documentId))
    .innerJoin('tables', 'tables.id', 'documents.table_id')
    .select('users.id')
    .where('users.id', 'in', userIds)
    .where((eb) => {
      const member = eb.exists(
        eb
          .selectFrom('table_participants')
          .select('table_participants.user_id')
          .whereRef('table_participants.table_id', '=', 'documents.table_id')
          .whereRef('table_participants.user_id', '=', 'users.id'),
      );
      return eb.or([
        eb('users.role', '=', 'admin'),
        eb.and([
          eb.or([eb('tables.visibility', '=', 'participants'), member]),
          eb.or([
            eb('documents.published_version_id', 'is not', null),
            eb('documents.author_id', '=', eb.ref('users.id')),
            eb.and([eb('users.role', 'in', ['tutor', 'moderator']), member]),
          ]),
        ]),
      ]);
    })
    .execute();
  return new Set(rows.map((r) => r.id));
}
