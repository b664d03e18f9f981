import { sql } from 'kysely';
import type { Tx } from '../../connection.js';
import type { UserRow } from '../../schema.js';

/** The name an erased account goes by, everywhere its content stays. */
export const pseudonymOf = (userId: number) => ({
  displayName: `ex partecipante ${userId}`,
  handle: `ex-partecipante-${userId}`,
  email: `erased-${userId}@invalid.example`,
});

// Handles are letters, digits, dots, dashes and underscores: only the dot means something in a pattern.
const handlePattern = (handle: string) => `@${handle.replaceAll('.', '\\.')}(?![\\w.-])`;
const linkPattern = (handle: string) => `/u/${handle.replaceAll('.', '\\.')}(?![\\w.-])`;

/**
 * Erases a person inside the caller's transaction: the row is pseudonymised (name, handle,
 * email, password, ente), what is theirs alone is deleted, and what others wrote about them
 * (mentions, notifications, live events) stops naming them. Consent records stay, pointing
 * at the pseudonymised row. Their posts stay under the pseudonym, or become tombstones.
 */
export async function erase(tx: Tx, user: UserRow, options: { deletePosts: boolean; at: Date }): Promise<void> {
  const alias = pseudonymOf(user.id);
  const id = user.id;
  for (const table of [
    'sessions',
    'api_tokens',
    'password_resets',
    // The provider's subject identifies the person too; a new invitation may link it afresh.
    'oidc_identities',
    'bookmarks',
    'thread_subscriptions',
    'table_subscriptions',
    'focus_area_subscriptions',
    'thread_reads',
    'notifications',
    'digest_sends',
    'document_followers',
    'table_members',
    // The CV and its file's record: nothing of it may outlive the account.
    'cvs',
    'calendar_tokens',
    'post_drafts',
    // Out of every private conversation; what they wrote there stays under the pseudonym.
    'conversation_members',
  ] as const) {
    await sql`delete from ${sql.table(table)} where user_id = ${id}`.execute(tx);
  }
  await sql`delete from tutor_pools where tutor_id = ${id}`.execute(tx);
  // Others' posts that mention them: the mention keeps its place, under the pseudonym.
  const pattern = handlePattern(user.handle);
  await sql`update posts p
      set body = regexp_replace(p.body, ${pattern}, ${`@${alias.handle}`}, 'gi'),
          body_html = regexp_replace(
            regexp_replace(p.body_html, ${linkPattern(user.handle)}, ${`/u/${alias.handle}`}, 'gi'),
            ${pattern}, ${`@${alias.handle}`}, 'gi')
    where p.id in (select post_id from post_mentions where user_id = ${id})`.execute(tx);
  await sql`update post_revisions r
      set body = regexp_replace(r.body, ${pattern}, ${`@${alias.handle}`}, 'gi'),
          body_html = regexp_replace(r.body_html, ${pattern}, ${`@${alias.handle}`}, 'gi')
    where r.post_id in (select post_id from post_mentions where user_id = ${id})`.execute(tx);
  await sql`delete from post_mentions where user_id = ${id}`.execute(tx);
  await sql`update notifications set data = jsonb_set(data, '{actorName}', to_jsonb(${alias.displayName}::text))
    where actor_id = ${id} and data ? 'actorName'`.execute(tx);
  // Live events (kept a few days for replay) carry names and bodies as JSON: rewrite the text.
  await sql`update events
      set data = regexp_replace(
        regexp_replace(
          replace(replace(data::text, to_jsonb(${user.display_name}::text)::text, to_jsonb(${alias.displayName}::text)::text),
                  to_jsonb(${user.handle}::text)::text, to_jsonb(${alias.handle}::text)::text),
          ${pattern}, ${`@${alias.handle}`}, 'gi'),
        ${linkPattern(user.handle)}, ${`/u/${alias.handle}`}, 'gi')::jsonb
    where strpos(data::text, ${user.display_name}) > 0 or strpos(lower(data::text), ${user.handle.toLowerCase()}) > 0`.execute(
    tx,
  );
  if (options.deletePosts) {
    // The conversations' last-message marks step back, so nobody is left with an unread message that is gone
    // (the statement sees the messages as they were before its delete, hence the author test).
    await sql`with gone as (delete from conversation_messages where author_id = ${id} returning conversation_id)
      update conversations c
         set last_message_id = coalesce((select max(m.id) from conversation_messages m
           where m.conversation_id = c.id and m.author_id is distinct from ${id}), 0)
       where c.id in (select conversation_id from gone)`.execute(tx);
    await sql`delete from post_revisions where post_id in (select id from posts where author_id = ${id})`.execute(tx);
    await sql`update posts set body = '', body_html = '', deleted_at = coalesce(deleted_at, ${options.at}),
        deleted_by = coalesce(deleted_by, ${id})
      where author_id = ${id}`.execute(tx);
  }
  await tx
    .updateTable('users')
    .set({
      display_name: alias.displayName,
      handle: alias.handle,
      email: alias.email,
      // Not a hash any password can match: the account can never sign in again.
      password_hash: '!erased',
      ente_id: null,
      last_seen_at: null,
      previous_visit_at: null,
      digest: 'off',
      email_mentions: 'never',
      email_replies: 'never',
      email_watched: 'never',
      email_tutoring: 'never',
      deactivated_at: options.at,
      erased_at: options.at,
    })
    .where('id', '=', id)
    .execute();
}

/** Ends every way in: sessions and personal API tokens. */
export async function endAccess(tx: Tx, userId: number): Promise<void> {
  await sql`delete from sessions where user_id = ${userId}`.execute(tx);
  await sql`delete from api_tokens where user_id = ${userId}`.execute(tx);
}

export async function setDeactivated(tx: Tx, userId: number, at: Date | null): Promise<UserRow | undefined> {
  return tx.updateTable('users').set({ deactivated_at: at }).where('id', '=', userId).returningAll().executeTakeFirst();
}

export function lockUser(tx: Tx, userId: number): Promise<UserRow | undefined> {
  return tx.selectFrom('users').selectAll().where('id', '=', userId).forUpdate().executeTakeFirst();
}
