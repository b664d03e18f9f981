import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  // A tutor serves a table (optionally only one of its focus areas), or a focus area everywhere.
  await db.schema
    .createTable('tutor_pools')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('tutor_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('table_id', 'bigint', (c) => c.references('tables.id').onDelete('cascade'))
    .addColumn('focus_area', 'text', (c) => c.references('focus_areas.slug'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('tutor_pools_scope', sql`table_id is not null or focus_area is not null`)
    .execute();
  await sql`create unique index tutor_pools_key on tutor_pools (tutor_id, coalesce(table_id, 0), coalesce(focus_area, ''))`.execute(
    db,
  );
  await sql`create index tutor_pools_table_idx on tutor_pools (table_id)`.execute(db);

  await db.schema
    .alterTable('threads')
    .addColumn('question_status', 'text', (c) => c.check(sql`question_status in ('open','answered','resolved')`))
    .addColumn('assigned_tutor_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assigned_at', 'timestamptz')
    .addColumn('first_tutor_reply_at', 'timestamptz')
    .addColumn('accepted_post_id', 'bigint', (c) => c.references('posts.id').onDelete('set null'))
    .addColumn('resolved_at', 'timestamptz')
    // Set when a reminder or escalation went out for the current assignment: each fires once.
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('document_version_id', 'bigint', (c) => c.references('document_versions.id').onDelete('set null'))
    .execute();
  await sql`create index threads_tutor_queue_idx on threads (assigned_tutor_id, question_status, created_at) where kind = 'question'`.execute(
    db,
  );
  await sql`create index threads_questions_idx on threads (created_at) where kind = 'question'`.execute(db);
  await sql`update threads set question_status = case when post_count > 1 then 'answered' else 'open' end where kind = 'question'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists threads_questions_idx`.execute(db);
  await sql`drop index if exists threads_tutor_queue_idx`.execute(db);
  for (const column of [
    'document_version_id',
    'escalated_at',
    'reminded_at',
    'resolved_at',
    'accepted_post_id',
    'first_tutor_reply_at',
    'assigned_at',
    'assigned_tutor_id',
    'question_status',
  ]) {
    await db.schema.alterTable('threads').dropColumn(column).execute();
  }
  await db.schema.dropTable('tutor_pools').execute();
}
