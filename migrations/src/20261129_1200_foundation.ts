import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enti')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('comune','provincia','regione','other')`))
    .addColumn('region', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index enti_name_key on enti (lower(name))`.execute(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('participant','tutor','moderator','admin')`))
    .addColumn('ente_id', 'bigint', (c) => c.references('enti.id').onDelete('set null'))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('it').check(sql`locale in ('it','en')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);
  await sql`create unique index users_handle_key on users (lower(handle))`.execute(db);

  // Sessions the Lucia way: the id is the SHA-256 of a random token the client holds.
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('focus_areas')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('name_it', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description_it', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('focus_areas')
    .values([
      {
        slug: 'cultura',
        name_it: 'Cultura',
        name_en: 'Culture',
        description_it: 'Turismo e valorizzazione socio-economica del patrimonio culturale',
        description_en: 'Tourism and socio-economic valorisation of cultural heritage',
        position: 1,
      },
      {
        slug: 'innovazione',
        name_it: 'Innovazione',
        name_en: 'Innovation',
        description_it: 'eGov ed eServices',
        description_en: 'eGov and eServices',
        position: 2,
      },
    ])
    .execute();

  await db.schema
    .createTable('dimensions')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('name_it', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('dimensions')
    .values([
      { slug: 'strategia', name_it: 'Motivazione e strategia', name_en: 'Motivation and strategy', position: 1 },
      {
        slug: 'competenze',
        name_it: 'Conoscenze, competenze e strumenti',
        name_en: 'Knowledge, skills and tools',
        position: 2,
      },
      {
        slug: 'capacita_istituzionale',
        name_it: 'Capacità istituzionale',
        name_en: 'Institutional capacity',
        position: 3,
      },
    ])
    .execute();

  await db.schema
    .createTable('tables')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('lab','regional','interregional')`))
    .addColumn('regions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('members','participants')`))
    .addColumn('ente_id', 'bigint', (c) => c.references('enti.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('table_members')
    .addColumn('table_id', 'bigint', (c) => c.notNull().references('tables.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('table_members_pkey', ['table_id', 'user_id'])
    .execute();
  await db.schema.createIndex('table_members_user_idx').on('table_members').columns(['user_id', 'table_id']).execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('ente_id', 'bigint', (c) => c.references('enti.id').onDelete('set null'))
    .addColumn('table_ids', sql`bigint[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Mails waiting to be sent. Written in the same transaction as what causes them, so a crash
  // never loses one; the mail worker sends them and stamps sent_at.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await sql`create index mail_outbox_pending_idx on mail_outbox (id) where sent_at is null`.execute(db);

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('actor_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('audit_log_subject_idx')
    .on('audit_log')
    .columns(['subject_type', 'subject_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'mail_outbox',
    'password_resets',
    'invitations',
    'table_members',
    'tables',
    'dimensions',
    'focus_areas',
    'api_tokens',
    'sessions',
    'users',
    'enti',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
