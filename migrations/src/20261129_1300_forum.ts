import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('threads')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('table_id', 'bigint', (c) => c.notNull().references('tables.id').onDelete('cascade'))
    .addColumn('focus_area', 'text', (c) => c.notNull().references('focus_areas.slug'))
    .addColumn('dimension', 'text', (c) => c.references('dimensions.slug'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('discussion','question','announcement')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('pinned', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('locked', 'boolean', (c) => c.notNull().defaultTo(false))
    // Counters are updated under the thread's row lock, so concurrent replies stay exact.
    .addColumn('last_post_number', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('post_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('participant_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_poster_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('last_activity_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Lists: pinned first, then by last activity, with id as the keyset tiebreaker.
  await sql`create index threads_table_list_idx on threads (table_id, pinned desc, last_activity_at desc, id desc)`.execute(
    db,
  );
  await sql`create index threads_focus_list_idx on threads (focus_area, pinned desc, last_activity_at desc, id desc)`.execute(
    db,
  );
  await sql`create index threads_list_idx on threads (pinned desc, last_activity_at desc, id desc)`.execute(db);
  await sql`create index threads_author_idx on threads (author_id)`.execute(db);

  await db.schema
    .createTable('posts')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('thread_id', 'bigint', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('reply_to_post_id', 'bigint', (c) => c.references('posts.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('like_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('deleted_by', 'bigint', (c) => c.references('users.id'))
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_by', 'bigint', (c) => c.references('users.id'))
    // Italian and English stems together, so either language's words find the post; the
    // first post also carries its thread's title (weight A).
    .addColumn('search_vector', sql`tsvector`, (c) => c.notNull())
    .addUniqueConstraint('posts_thread_number_key', ['thread_id', 'number'])
    .execute();
  await sql`create index posts_search_idx on posts using gin (search_vector)`.execute(db);
  await sql`create index posts_author_idx on posts (author_id, created_at desc)`.execute(db);
  await sql`create index posts_created_idx on posts (created_at)`.execute(db);

  await db.schema
    .createTable('post_revisions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('post_id', 'bigint', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('editor_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('written_at', 'timestamptz', (c) => c.notNull())
    .addColumn('replaced_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('post_revisions_post_idx').on('post_revisions').columns(['post_id', 'id']).execute();

  await db.schema
    .createTable('post_reactions')
    .addColumn('post_id', 'bigint', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('like')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('post_reactions_pkey', ['post_id', 'user_id', 'kind'])
    .execute();

  await db.schema
    .createTable('post_mentions')
    .addColumn('post_id', 'bigint', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('post_mentions_pkey', ['post_id', 'user_id'])
    .execute();
  await db.schema.createIndex('post_mentions_user_idx').on('post_mentions').column('user_id').execute();

  await db.schema
    .createTable('thread_participants')
    .addColumn('thread_id', 'bigint', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('post_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('thread_participants_pkey', ['thread_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('thread_reads')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('thread_id', 'bigint', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('last_read_post_number', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('thread_reads_pkey', ['user_id', 'thread_id'])
    .execute();

  await db.schema
    .createTable('bookmarks')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('thread_id', 'bigint', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('bookmarks_pkey', ['user_id', 'thread_id'])
    .execute();

  // Watch levels. A missing row means "normal"; authors and repliers get "watching".
  for (const [name, column, type, ref] of [
    ['thread_subscriptions', 'thread_id', 'bigint', 'threads.id'],
    ['table_subscriptions', 'table_id', 'bigint', 'tables.id'],
    ['focus_area_subscriptions', 'focus_area', 'text', 'focus_areas.slug'],
  ] as const) {
    await db.schema
      .createTable(name)
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn(column, type, (c) => c.notNull().references(ref).onDelete('cascade'))
      .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('watching','normal','muted')`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint(`${name}_pkey`, ['user_id', column])
      .execute();
    await db.schema.createIndex(`${name}_target_idx`).on(name).columns([column, 'level']).execute();
  }

  await db.schema
    .createTable('flags')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('post_id', 'bigint', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','resolved')`))
    .addColumn('resolution', 'text', (c) => c.check(sql`resolution in ('hide','dismiss')`))
    .addColumn('resolved_by', 'bigint', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index flags_one_open_per_user on flags (post_id, user_id) where status = 'open'`.execute(db);
  await sql`create index flags_open_idx on flags (id) where status = 'open'`.execute(db);

  // The outbox: one row per change, written in the change's own transaction, relayed after commit.
  await db.schema
    .createTable('events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('rooms', sql`text[]`, (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('relayed_at', 'timestamptz')
    .execute();
  await sql`create index events_unrelayed_idx on events (id) where relayed_at is null`.execute(db);
  await sql`create index events_created_idx on events (created_at)`.execute(db);

  await db.schema.alterTable('users').addColumn('last_seen_at', 'timestamptz').execute();
  await db.schema.alterTable('users').addColumn('previous_visit_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('previous_visit_at').execute();
  await db.schema.alterTable('users').dropColumn('last_seen_at').execute();
  for (const table of [
    'events',
    'flags',
    'focus_area_subscriptions',
    'table_subscriptions',
    'thread_subscriptions',
    'bookmarks',
    'thread_reads',
    'thread_participants',
    'post_mentions',
    'post_reactions',
    'post_revisions',
    'posts',
    'threads',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
