import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// A thread about a document that is not published yet (its discussion, or a request for review)
// is as private as that draft: `draft_document_id` names the document until its first publication.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table threads add column draft_document_id bigint references documents (id) on delete set null`.execute(
    db,
  );
  await sql`update threads t set draft_document_id = d.id
              from documents d
             where d.published_version_id is null
               and (d.thread_id = t.id
                    or t.document_version_id in (select v.id from document_versions v where v.document_id = d.id))`.execute(
    db,
  );
  await sql`create index threads_draft_document_idx on threads (draft_document_id) where draft_document_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table threads drop column draft_document_id`.execute(db);
}
