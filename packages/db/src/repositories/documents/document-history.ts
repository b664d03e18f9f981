import type { Executor, Tx } from '../../connection.js';
import type { DocumentStatus } from '../../schema.js';

export async function insert(
  db: Tx,
  transition: {
    document_id: number;
    from_status: DocumentStatus;
    to_status: DocumentStatus;
    version_number: number;
    comment: string | null;
    actor_id: number;
    created_at: Date;
  },
): Promise<void> {
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
