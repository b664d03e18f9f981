import { sql } from 'kysely';
import type { Executor } from '../../connection.js';
import type { Locale } from '../../schema.js';

export interface PendingMail {
  id: number;
  template: string;
  recipient: string;
  locale: Locale;
  data: Record<string, unknown>;
  created_at: Date;
}

export async function insert(
  db: Executor,
  mail: { template: string; recipient: string; locale: Locale; data: Record<string, unknown> },
): Promise<number> {
  const row = await db
    .insertInto('mail_outbox')
    .values({ ...mail, data: JSON.stringify(mail.data) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The latest mail of a template to one address (what an operator or a test reads back). */
export function latestFor(db: Executor, recipient: string, template: string): Promise<PendingMail | undefined> {
  return db
    .selectFrom('mail_outbox')
    .select(['id', 'template', 'recipient', 'locale', 'data', 'created_at'])
    .where('recipient', '=', recipient.toLowerCase())
    .where('template', '=', template)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function findById(db: Executor, id: number) {
  return db
    .selectFrom('mail_outbox')
    .select(['id', 'template', 'recipient', 'locale', 'data', 'created_at', 'sent_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markSent(db: Executor, id: number, at: Date, messageId: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ sent_at: at, message_id: messageId }).where('id', '=', id).execute();
}

/**
 * Mails not sent yet, oldest first, with the outbox event that announced each (its job id is
 * derived from the event's): what the sweep makes sure has a live job.
 */
export function listUnsent(db: Executor, limit: number): Promise<Array<{ id: number; event_id: number }>> {
  return db
    .selectFrom('mail_outbox')
    .innerJoin('events', (join) =>
      join
        // A literal, so the partial index applies to the prepared statement's generic plan too.
        .on('events.name', '=', sql.lit('mail.queued'))
        .on(sql<number>`(events.data->>'mailId')::bigint`, '=', sql.ref('mail_outbox.id')),
    )
    .select(['mail_outbox.id', 'events.id as event_id'])
    .where('mail_outbox.sent_at', 'is', null)
    .orderBy('mail_outbox.id')
    .limit(limit)
    .execute();
}
