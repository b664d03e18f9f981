import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  const choice = sql`check (value in ('immediately','digest','never'))`;
  await sql`create domain email_choice as text ${choice}`.execute(db);
  await db.schema
    .alterTable('users')
    .addColumn('digest', 'text', (c) => c.notNull().defaultTo('weekly').check(sql`digest in ('off','daily','weekly')`))
    .addColumn('digest_hour', 'integer', (c) => c.notNull().defaultTo(8).check(sql`digest_hour between 0 and 23`))
    // ISO weekday, 1 = Monday.
    .addColumn('digest_weekday', 'integer', (c) => c.notNull().defaultTo(1).check(sql`digest_weekday between 1 and 7`))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('Europe/Rome'))
    .addColumn('digest_skip_if_active', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('email_mentions', sql`email_choice`, (c) => c.notNull().defaultTo('immediately'))
    .addColumn('email_replies', sql`email_choice`, (c) => c.notNull().defaultTo('immediately'))
    .addColumn('email_watched', sql`email_choice`, (c) => c.notNull().defaultTo('digest'))
    .addColumn('email_tutoring', sql`email_choice`, (c) => c.notNull().defaultTo('immediately'))
    .execute();
  await sql`create index users_digest_idx on users (digest) where digest <> 'off'`.execute(db);

  // One row per person and digest period: claimed before sending, stamped after, so retries,
  // crashes and parallel workers never send a period twice.
  await db.schema
    .createTable('digest_sends')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('sending','sent','empty','skipped')`))
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('message_id', 'text')
    .addColumn('covers_from', 'timestamptz', (c) => c.notNull())
    .addColumn('covers_to', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_sends_pkey', ['user_id', 'period'])
    .execute();
  await sql`create index digest_sends_latest_idx on digest_sends (user_id, covers_to desc)`.execute(db);

  // Set once an immediate notification mail went out, so a retried job does not send it again.
  await db.schema.alterTable('notifications').addColumn('emailed_at', 'timestamptz').execute();
  await db.schema.alterTable('mail_outbox').addColumn('message_id', 'text').execute();
  await db.schema
    .alterTable('mail_outbox')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('attempts').execute();
  await db.schema.alterTable('mail_outbox').dropColumn('message_id').execute();
  await db.schema.alterTable('notifications').dropColumn('emailed_at').execute();
  await db.schema.dropTable('digest_sends').execute();
  for (const column of [
    'email_tutoring',
    'email_watched',
    'email_replies',
    'email_mentions',
    'digest_skip_if_active',
    'timezone',
    'digest_weekday',
    'digest_hour',
    'digest',
  ]) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
  await sql`drop domain email_choice`.execute(db);
}
