import type { Insertable } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { DocumentTransitionsTable } from '../../schema.js';

export async function insert(db: Tx, transition: Insertable<DocumentTransitionsTable>): Promise<void> {
  await db.insertInto('document_transitions').values(transition).execute();
}

/** The review history of a document, oldest first, with who moved it. */
export function list(db: Executor, documentId: number) {
  return db
    .selectFrom('document_transitions')
    .leftJoin('users', 'users.id', 'document_transitions.actor_id')
    .selectAll('document_transitions')
    .select('users.display_name as actor_name')
    .where('document_transitions.document_id', '=', documentId)
    .orderBy('document_transitions.id')
    .execute();
}

export type TransitionListRow = Awaited<ReturnType<typeof list>>[number];
