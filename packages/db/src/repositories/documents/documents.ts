import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { DocumentRow, DocumentsTable, TableVisibility } from '../../schema.js';
import { isMemberColumn } from '../spaces/tables.js';

/** Every column but the search vector, which only queries need. */
export const DOCUMENT_COLUMNS = [
  'documents.id',
  'documents.table_id',
  'documents.thread_id',
  'documents.author_id',
  'documents.title',
  'documents.description',
  'documents.kind',
  'documents.focus_area',
  'documents.dimension',
  'documents.language',
  'documents.tags',
  'documents.status',
  'documents.featured',
  'documents.published_version_id',
  'documents.version_count',
  'documents.download_count',
  'documents.created_at',
  'documents.updated_at',
] as const;

/** The number of the published version, read beside the row (a subquery, so locks stay on documents). */
const publishedNumber = sql<
  number | null
>`(select v.number from document_versions v where v.id = documents.published_version_id)`.as('published_number');

export type LockedDocument = DocumentRow & { published_number: number | null };

export interface DocumentAccess {
  document: LockedDocument;
  tableVisibility: TableVisibility;
  isMember: boolean;
}

/** The document with what permission checks need about its table, in one round trip. */
export async function findWithAccess(
  db: Executor,
  documentId: number,
  userId: number,
): Promise<DocumentAccess | undefined> {
  const row = await db
    .selectFrom('documents')
    .innerJoin('tables', 'tables.id', 'documents.table_id')
    .select(DOCUMENT_COLUMNS)
    .select(publishedNumber)
    .select('tables.visibility as table_visibility')
    .select(isMemberColumn(userId))
    .where('documents.id', '=', documentId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { table_visibility, is_member, ...document } = row;
  return { document, tableVisibility: table_visibility, isMember: is_member };
}

/** Locks the document row: transitions and new versions queue here, so each sees the last one. */
export function lockById(db: Tx, documentId: number): Promise<LockedDocument | undefined> {
  return db
    .selectFrom('documents')
    .select(DOCUMENT_COLUMNS)
    .select(publishedNumber)
    .where('id', '=', documentId)
    .forUpdate()
    .executeTakeFirst();
}

export function insert(db: Tx, document: Insertable<DocumentsTable>): Promise<DocumentRow> {
  return db
    .insertInto('documents')
    .values({ ...document, updated_at: document.created_at })
    .returning(DOCUMENT_COLUMNS)
    .executeTakeFirstOrThrow();
}

export function update(
  db: Tx,
  documentId: number,
  changes: Partial<Pick<DocumentRow, 'status' | 'featured' | 'published_version_id' | 'updated_at'>>,
): Promise<DocumentRow> {
  return db
    .updateTable('documents')
    .set(changes)
    .where('id', '=', documentId)
    .returning(DOCUMENT_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Takes the next version number (under the row lock the update takes) and marks the change. */
export async function takeVersionNumber(db: Tx, documentId: number, at: Date): Promise<number> {
  const row = await db
    .updateTable('documents')
    .set((eb) => ({ version_count: eb('version_count', '+', 1), updated_at: at }))
    .where('id', '=', documentId)
    .returning('version_count')
    .executeTakeFirstOrThrow();
  return row.version_count;
}

/** One statement, no lock held: concurrent downloads all count. */
export async function countDownload(db: Executor, documentId: number): Promise<void> {
  await db
    .updateTable('documents')
    .set({ download_count: sql`download_count + 1` })
    .where('id', '=', documentId)
    .execute();
}
