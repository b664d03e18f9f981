import { sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { NewUser, UserRow } from '../../schema.js';
import { userMayRead } from '../spaces/tables.js';

export function findById(db: Executor, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/** Users whose handle is one of `handles` (compared case-insensitively). */
export function findByHandles(db: Executor, handles: readonly string[]): Promise<UserRow[]> {
  if (handles.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .selectAll()
    .where(
      sql<string>`lower(handle)`,
      'in',
      handles.map((h) => h.toLowerCase()),
    )
    .execute();
}

export function handleExists(db: Executor, handle: string): Promise<boolean> {
  return db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(handle)`, '=', handle.toLowerCase())
    .executeTakeFirst()
    .then(Boolean);
}

export function insert(db: Executor, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export async function setPassword(db: Tx, id: number, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export type UserChanges = Partial<
  Pick<
    UserRow,
    | 'locale'
    | 'role'
    | 'display_name'
    | 'ente_id'
    | 'digest'
    | 'digest_hour'
    | 'digest_weekday'
    | 'timezone'
    | 'digest_skip_if_active'
    | 'email_mentions'
    | 'email_replies'
    | 'email_watched'
    | 'email_tutoring'
  >
>;

export async function update(db: Executor, id: number, changes: UserChanges): Promise<UserRow | undefined> {
  return db.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Admin listing, newest first, keyset-paginated by id. */
export function list(db: Executor, options: { limit: number; beforeId?: number }): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  return query.execute();
}

/**
 * Of the given handles, the users who can read a thread in this table: admins, members, and
 * everyone when the table is open to all participants. Others stay plain text in the post.
 */
export function mentionable(db: Executor, tableId: number, handles: readonly string[]) {
  if (handles.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .innerJoin('tables', (join) => join.on('tables.id', '=', tableId))
    .select(['users.id', 'users.handle'])
    .where(
      sql<string>`lower(users.handle)`,
      'in',
      handles.map((h) => h.toLowerCase()),
    )
    .where(userMayRead(tableId))
    .execute();
}

/**
 * People a writer may mention in this table, whose handle or name starts with `prefix` (any
 * word of the name): the same readers as `mentionable`, active accounts only, by name.
 */
export function mentionSuggestions(db: Executor, tableId: number, prefix: string, limit: number) {
  const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('users')
    .innerJoin('tables', (join) => join.on('tables.id', '=', tableId))
    .select(['users.handle', 'users.display_name'])
    .where((eb) =>
      eb.or([
        eb('users.handle', 'ilike', like),
        eb('users.display_name', 'ilike', like),
        eb('users.display_name', 'ilike', `% ${like}`),
      ]),
    )
    .where('users.deactivated_at', 'is', null)
    .where(userMayRead(tableId))
    .orderBy('users.display_name')
    .limit(limit)
    .execute();
}
