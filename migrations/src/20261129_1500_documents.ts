import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('table_id', 'bigint', (c) => c.notNull().references('tables.id').onDelete('cascade'))
    // The document's own discussion, created with it in the same table.
    .addColumn('thread_id', 'bigint', (c) => c.notNull().unique().references('threads.id'))
    .addColumn('author_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('strategic_plan','skills_report','organisation_report','organisation_model','experience_sheet','experience_database','stakeholder_database','institutional_cv','template','tool','other')`,
        ),
    )
    .addColumn('focus_area', 'text', (c) => c.notNull().references('focus_areas.slug'))
    .addColumn('dimension', 'text', (c) => c.references('dimensions.slug'))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('it','en','fr')`))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft','submitted','changes_requested','published','archived')`),
    )
    .addColumn('featured', 'boolean', (c) => c.notNull().defaultTo(false))
    // Numbers are taken under the document's row lock, like post numbers in a thread.
    .addColumn('version_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('download_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Italian and English stems, title above description; generated, so it never drifts.
    .addColumn('search_vector', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('italian'::regconfig, title) || to_tsvector('english'::regconfig, title), 'A') || to_tsvector('italian'::regconfig, description) || to_tsvector('english'::regconfig, description)`,
        )
        .stored(),
    )
    .execute();
  // The library: featured first, then recently changed, id as the keyset tiebreaker.
  await sql`create index documents_list_idx on documents (featured desc, updated_at desc, id desc)`.execute(db);
  await sql`create index documents_table_list_idx on documents (table_id, featured desc, updated_at desc, id desc)`.execute(
    db,
  );
  await sql`create index documents_search_idx on documents using gin (search_vector)`.execute(db);
  await sql`create index documents_author_idx on documents (author_id)`.execute(db);

  await db.schema
    .createTable('document_versions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('document_id', 'bigint', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    // Where storage keeps the bytes, and their hash: the same today, apart once keys are not hashes.
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('uploaded_by', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('document_versions_number_key', ['document_id', 'number'])
    .execute();
  await db.schema.createIndex('document_versions_storage_idx').on('document_versions').column('storage_key').execute();

  await db.schema
    .alterTable('documents')
    .addColumn('published_version_id', 'bigint', (c) => c.references('document_versions.id'))
    .execute();

  // The review history shown on the document page; the audit log keeps the same facts for staff.
  await db.schema
    .createTable('document_transitions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('document_id', 'bigint', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('actor_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('document_transitions_document_idx')
    .on('document_transitions')
    .columns(['document_id', 'id'])
    .execute();

  await db.schema
    .createTable('document_followers')
    .addColumn('document_id', 'bigint', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('document_followers_pkey', ['document_id', 'user_id'])
    .execute();
  await db.schema.createIndex('document_followers_user_idx').on('document_followers').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_followers').execute();
  await db.schema.dropTable('document_transitions').execute();
  await db.schema.alterTable('documents').dropColumn('published_version_id').execute();
  await db.schema.dropTable('document_versions').execute();
  await db.schema.dropTable('documents').execute();
}
