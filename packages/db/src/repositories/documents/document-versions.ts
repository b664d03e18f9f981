import type { Insertable } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { DocumentVersionRow, DocumentVersionsTable } from '../../schema.js';

export function insert(db: Tx, version: Insertable<DocumentVersionsTable>): Promise<DocumentVersionRow> {
  return db.insertInto('document_versions').values(version).returningAll().executeTakeFirstOrThrow();
}

/** Versions up to `maxNumber` (the ones the viewer may see), newest first, with who uploaded them. */
export function list(db: Executor, documentId: number, maxNumber: number) {
  return db
    .selectFrom('document_versions')
    .innerJoin('users', 'users.id', 'document_versions.uploaded_by')
    .selectAll('document_versions')
    .select('users.display_name as uploader_name')
    .where('document_versions.document_id', '=', documentId)
    .where('document_versions.number', '<=', maxNumber)
    .orderBy('document_versions.number', 'desc')
    .execute();
}

export type VersionListRow = Awaited<ReturnType<typeof list>>[number];

export function findByNumber(db: Executor, documentId: number, number: number) {
  return db
    .selectFrom('document_versions')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('number', '=', number)
    .executeTakeFirst();
}

export function findById(db: Executor, id: number) {
  return db.selectFrom('document_versions').selectAll().where('id', '=', id).executeTakeFirst();
}
